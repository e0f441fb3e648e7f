using System.Buffers.Binary;
using System.Net;

namespace VideoRelay.WebRtc.Ice.Tests;

public sealed class StunMessageTests
{
    private static byte[] Header(ushort type, ushort length, int extra)
    {
        var b = new byte[20 + extra];
        BinaryPrimitives.WriteUInt16BigEndian(b, type);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), length);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), StunHeader.MagicCookie);
        return b;
    }

    private static StunParseError ParseError(byte[] input)
    {
        bool ok = StunMessage.TryRead(input, out _, out _, out StunParseError error);
        Assert.Equal(ok, error == StunParseError.None);
        return error;
    }

    [Fact]
    public void Header_round_trips()
    {
        var header = new StunHeader(StunMessageType.BindingRequest, 8, StunTransactionId.NewRandom());
        var buffer = new byte[20];
        Assert.True(header.TryWrite(buffer, out int written));
        Assert.Equal(20, written);
        Assert.True(StunHeader.TryRead(buffer, out StunHeader back, out int consumed));
        Assert.Equal(20, consumed);
        Assert.Equal(header, back);
        Assert.False(header.TryWrite(new byte[19], out _));
    }

    [Theory]
    [InlineData(StunMessageType.BindingRequest, StunClass.Request)]
    [InlineData(StunMessageType.BindingIndication, StunClass.Indication)]
    [InlineData(StunMessageType.BindingSuccessResponse, StunClass.SuccessResponse)]
    [InlineData(StunMessageType.BindingErrorResponse, StunClass.ErrorResponse)]
    public void Message_type_splits_into_method_and_class(ushort type, StunClass stunClass)
    {
        Assert.Equal(StunMessageType.BindingMethod, StunMessageType.GetMethod(type));
        Assert.Equal(stunClass, StunMessageType.GetClass(type));
        Assert.Equal(type, StunMessageType.Compose(StunMessageType.BindingMethod, stunClass));
    }

    [Fact]
    public void Method_bits_interleave_around_class_bits()
    {
        for (ushort method = 0; method < 0x1000; method += 7)
        {
            foreach (StunClass c in Enum.GetValues<StunClass>())
            {
                ushort t = StunMessageType.Compose(method, c);
                Assert.Equal(method, StunMessageType.GetMethod(t));
                Assert.Equal(c, StunMessageType.GetClass(t));
            }
        }
    }

    [Fact]
    public void Empty_message_parses()
    {
        Assert.Equal(StunParseError.None, ParseError(Header(StunMessageType.BindingRequest, 0, 0)));
    }

    [Fact]
    public void Rejects_short_and_non_stun_input()
    {
        Assert.Equal(StunParseError.NotStun, ParseError([]));
        Assert.Equal(StunParseError.NotStun, ParseError(new byte[19]));
        byte[] badCookie = Header(StunMessageType.BindingRequest, 0, 0);
        badCookie[4] ^= 1;
        Assert.Equal(StunParseError.NotStun, ParseError(badCookie));
        byte[] topBits = Header(StunMessageType.BindingRequest, 0, 0);
        topBits[0] |= 0x80; // an RTP-looking first byte
        Assert.Equal(StunParseError.NotStun, ParseError(topBits));
    }

    [Fact]
    public void Rejects_length_not_multiple_of_four()
    {
        Assert.Equal(StunParseError.LengthNotMultipleOfFour, ParseError(Header(StunMessageType.BindingRequest, 6, 8)));
    }

    [Fact]
    public void Rejects_length_past_end_including_huge_length()
    {
        Assert.Equal(StunParseError.Truncated, ParseError(Header(StunMessageType.BindingRequest, 8, 4)));
        Assert.Equal(StunParseError.Truncated, ParseError(Header(StunMessageType.BindingRequest, 0xFFFC, 100)));
    }

    [Fact]
    public void Rejects_attribute_running_past_message_end()
    {
        byte[] b = Header(StunMessageType.BindingRequest, 8, 8);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(20), StunAttributeType.Software);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(22), 5); // 5 → padded 8, but only 4 bytes remain
        Assert.Equal(StunParseError.AttributeTruncated, ParseError(b));

        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(22), 0xFFFF);
        Assert.Equal(StunParseError.AttributeTruncated, ParseError(b));
    }

    [Fact]
    public void Rejects_partial_attribute_header()
    {
        // A message length of 4 can only hold a complete empty attribute; 8 with a 4-byte tail after one empty attribute is fine.
        byte[] b = Header(StunMessageType.BindingRequest, 4, 4);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(20), StunAttributeType.UseCandidate);
        Assert.Equal(StunParseError.None, ParseError(b));
    }

    [Theory]
    [InlineData(StunAttributeType.Priority, 8)]
    [InlineData(StunAttributeType.IceControlling, 4)]
    [InlineData(StunAttributeType.IceControlled, 12)]
    [InlineData(StunAttributeType.UseCandidate, 4)]
    [InlineData(StunAttributeType.MessageIntegrity, 16)]
    [InlineData(StunAttributeType.Fingerprint, 8)]
    [InlineData(StunAttributeType.ErrorCode, 0)]
    public void Rejects_fixed_size_attributes_of_the_wrong_size(ushort type, int length)
    {
        int padded = (length + 3) & ~3;
        byte[] b = Header(StunMessageType.BindingRequest, (ushort)(4 + padded), 4 + padded);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(20), type);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(22), (ushort)length);
        Assert.Equal(StunParseError.AttributeBadLength, ParseError(b));
    }

    [Fact]
    public void Rejects_oversized_username()
    {
        byte[] b = Header(StunMessageType.BindingRequest, 4 + 516, 4 + 516);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(20), StunAttributeType.Username);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(22), 513);
        Assert.Equal(StunParseError.AttributeBadLength, ParseError(b));
    }

    [Fact]
    public void Rejects_address_with_unknown_family()
    {
        byte[] b = Header(StunMessageType.BindingSuccessResponse, 12, 12);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(20), StunAttributeType.XorMappedAddress);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(22), 8);
        b[25] = 0x03;
        Assert.Equal(StunParseError.BadAddressFamily, ParseError(b));
    }

    [Fact]
    public void Rejects_attribute_after_fingerprint()
    {
        var buffer = new byte[64];
        var w = new StunWriter(buffer);
        Assert.True(w.TryBegin(StunMessageType.BindingRequest, StunTransactionId.NewRandom()));
        Assert.True(w.TryAddFingerprint());
        Assert.False(w.TryAddFlag(StunAttributeType.UseCandidate)); // the writer refuses, too
        int n = w.Written;
        // Append an attribute by hand and fix the length.
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(n), StunAttributeType.UseCandidate);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)(n + 4 - 20));
        Assert.Equal(StunParseError.AttributeAfterFingerprint, ParseError(buffer[..(n + 4)]));
    }

    [Fact]
    public void Rejects_too_many_attributes()
    {
        int count = StunMessage.MaxAttributes + 1;
        byte[] b = Header(StunMessageType.BindingRequest, (ushort)(4 * count), 4 * count);
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(20 + (4 * i)), 0x8030); // unknown optional, empty
        }
        Assert.Equal(StunParseError.TooManyAttributes, ParseError(b));
    }

    [Fact]
    public void Unknown_attributes_are_skipped_and_required_ones_reported()
    {
        var buffer = new byte[128];
        var w = new StunWriter(buffer);
        Assert.True(w.TryBegin(StunMessageType.BindingRequest, StunTransactionId.NewRandom()));
        Assert.True(w.TryAddAttribute(0xC001, [1, 2, 3]));   // unknown, optional
        Assert.True(w.TryAddAttribute(0x7F01, [9]));         // unknown, comprehension-required
        Assert.True(w.TryAddUInt32(StunAttributeType.Priority, 42));
        Assert.True(StunMessage.TryRead(w.WrittenSpan, out StunMessage m, out _));
        Assert.Equal(3, m.AttributeCount);
        Assert.Equal(42u, m.Priority);
        Assert.Equal(1, m.UnknownComprehensionRequiredCount);
        Assert.Equal((ushort)0x7F01, m.GetUnknownComprehensionRequired(0));
    }

    [Fact]
    public void Attributes_after_message_integrity_are_ignored_except_fingerprint()
    {
        var buffer = new byte[128];
        var w = new StunWriter(buffer);
        Assert.True(w.TryBegin(StunMessageType.BindingRequest, StunTransactionId.NewRandom()));
        Assert.True(w.TryAddMessageIntegrity("k"u8));
        Assert.False(w.TryAddUInt32(StunAttributeType.Priority, 1));
        int n = w.Written;
        // Hand-append PRIORITY after MESSAGE-INTEGRITY: it must not be seen.
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(n), StunAttributeType.Priority);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(n + 2), 4);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)(n + 8 - 20));
        Assert.True(StunMessage.TryRead(buffer.AsSpan(0, n + 8), out StunMessage m, out _));
        Assert.False(m.HasPriority);
        Assert.True(m.VerifyMessageIntegrity("k"u8));
    }

    [Fact]
    public void Writer_round_trips_every_ice_attribute()
    {
        var tx = StunTransactionId.NewRandom();
        var buffer = new byte[256];
        var w = new StunWriter(buffer);
        Assert.True(w.TryBegin(StunMessageType.BindingErrorResponse, tx));
        Assert.True(w.TryAddUsername("abcd:efgh"));
        Assert.True(w.TryAddUInt32(StunAttributeType.Priority, 2130706431));
        Assert.True(w.TryAddUInt64(StunAttributeType.IceControlling, 0x0102030405060708));
        Assert.True(w.TryAddFlag(StunAttributeType.UseCandidate));
        Assert.True(w.TryAddXorMappedAddress(IPAddress.Parse("::ffff:10.1.2.3"), 5000));
        Assert.True(w.TryAddErrorCode(487, "Role Conflict"));
        Assert.True(w.TryAddMessageIntegrity("pw"u8));
        Assert.True(w.TryAddFingerprint());

        Assert.True(StunMessage.TryRead(w.WrittenSpan, out StunMessage m, out int consumed));
        Assert.Equal(w.Written, consumed);
        Assert.Equal(tx, m.TransactionId);
        Assert.Equal("abcd:efgh", m.GetUsername());
        Assert.Equal(2130706431u, m.Priority);
        Assert.Equal(0x0102030405060708ul, m.IceControllingTieBreaker);
        Assert.True(m.UseCandidate);
        Assert.True(m.TryGetXorMappedAddress(out IPEndPoint? ep));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.1.2.3"), 5000), ep); // v4-mapped written as IPv4
        Assert.True(m.TryGetErrorCode(out int code, out ReadOnlySpan<byte> reason));
        Assert.Equal(487, code);
        Assert.Equal("Role Conflict", System.Text.Encoding.UTF8.GetString(reason));
        Assert.True(m.VerifyMessageIntegrity("pw"u8));
        Assert.True(m.VerifyFingerprint());
    }

    [Fact]
    public void Writer_refuses_a_too_small_destination()
    {
        var w = new StunWriter(new byte[24]);
        Assert.True(w.TryBegin(StunMessageType.BindingRequest, StunTransactionId.NewRandom()));
        Assert.True(w.TryAddFlag(StunAttributeType.UseCandidate));
        Assert.False(w.TryAddFingerprint());
        Assert.Equal(24, w.Written);
        Assert.False(new StunWriter(new byte[10]).TryBegin(StunMessageType.BindingRequest, default));
    }

    [Fact]
    public void Integrity_of_a_large_message_uses_the_pooled_path()
    {
        var buffer = new byte[2048];
        var w = new StunWriter(buffer);
        Assert.True(w.TryBegin(StunMessageType.BindingRequest, StunTransactionId.NewRandom()));
        Assert.True(w.TryAddAttribute(StunAttributeType.Software, new byte[1500]));
        Assert.True(w.TryAddMessageIntegrity("pw"u8));
        Assert.True(w.TryAddFingerprint());
        Assert.True(StunMessage.TryRead(w.WrittenSpan, out StunMessage m, out _));
        Assert.True(m.VerifyMessageIntegrity("pw"u8));
        Assert.True(m.VerifyFingerprint());
    }
}
