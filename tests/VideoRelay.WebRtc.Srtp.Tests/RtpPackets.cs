using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Srtp.Tests;

/// <summary>Builds RTP and RTCP packets for tests.</summary>
internal static class RtpPackets
{
    public static byte[] Rtp(ushort sequence, uint ssrc = 0x11223344, int payloadLength = 100, int csrcCount = 0, int extensionWords = 0, int padding = 0)
    {
        int header = 12 + 4 * csrcCount + (extensionWords > 0 ? 4 + 4 * extensionWords : 0);
        byte[] packet = new byte[header + payloadLength + padding];
        packet[0] = (byte)(0x80 | (padding > 0 ? 0x20 : 0) | (extensionWords > 0 ? 0x10 : 0) | csrcCount);
        packet[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), 90_000u * sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        int at = 12;
        for (int i = 0; i < csrcCount; i++, at += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(at), 0xC0000000u + (uint)i);
        }

        if (extensionWords > 0)
        {
            packet[at] = 0xBE;
            packet[at + 1] = 0xDE;
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at + 2), (ushort)extensionWords);
            at += 4;
            for (int i = 0; i < 4 * extensionWords; i++)
            {
                packet[at++] = (byte)(0xE0 + i);
            }
        }

        for (int i = 0; i < payloadLength; i++)
        {
            packet[at++] = (byte)(sequence + i);
        }

        if (padding > 0)
        {
            packet[^1] = (byte)padding;
        }

        return packet;
    }

    /// <summary>A receiver report (PT 201) of <paramref name="ssrc"/> with one report block, plus a PLI.</summary>
    public static byte[] Rtcp(uint ssrc = 0x55667788)
    {
        byte[] packet = new byte[8 + 24 + 12];
        packet[0] = 0x81;
        packet[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 7);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        for (int i = 8; i < 32; i++)
        {
            packet[i] = (byte)i;
        }

        packet[32] = 0x81;
        packet[33] = 206;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(34), 2);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(36), ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(40), 0x11223344);
        return packet;
    }
}
