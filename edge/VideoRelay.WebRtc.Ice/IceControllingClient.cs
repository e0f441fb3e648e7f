using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace VideoRelay.WebRtc.Ice;

/// <summary>
/// The controlling side of a connectivity check (RFC 8445 §7.2), as our own test WHEP client uses it:
/// writes Binding requests with USERNAME "remoteUfrag:localUfrag", PRIORITY, ICE-CONTROLLING,
/// optionally USE-CANDIDATE, MESSAGE-INTEGRITY keyed with the remote password, and FINGERPRINT; and
/// validates the answer.
/// </summary>
public sealed class IceControllingClient
{
    private readonly string _username;
    private readonly byte[] _remoteKey;

    /// <summary>Creates a client; <paramref name="tieBreaker"/> defaults to a random 64-bit value.</summary>
    public IceControllingClient(string localUfrag, string remoteUfrag, string remotePassword, ulong? tieBreaker = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUfrag);
        ArgumentException.ThrowIfNullOrEmpty(remoteUfrag);
        ArgumentException.ThrowIfNullOrEmpty(remotePassword);
        _username = remoteUfrag + ":" + localUfrag;
        _remoteKey = Encoding.UTF8.GetBytes(remotePassword);
        if (tieBreaker is { } t)
        {
            TieBreaker = t;
        }
        else
        {
            Span<byte> random = stackalloc byte[8];
            RandomNumberGenerator.Fill(random);
            TieBreaker = BinaryPrimitives.ReadUInt64BigEndian(random);
        }
    }

    /// <summary>Our ICE-CONTROLLING tie-breaker.</summary>
    public ulong TieBreaker { get; }

    /// <summary>The USERNAME we send: "remoteUfrag:localUfrag".</summary>
    public string Username => _username;

    /// <summary>Writes a Binding request with a fresh transaction id.</summary>
    public bool TryWriteBindingRequest(Span<byte> destination, uint priority, bool useCandidate,
        out StunTransactionId transactionId, out int written)
    {
        transactionId = StunTransactionId.NewRandom();
        return TryWriteBindingRequest(destination, transactionId, priority, useCandidate, out written);
    }

    /// <summary>Writes a Binding request with the given transaction id.</summary>
    public bool TryWriteBindingRequest(Span<byte> destination, in StunTransactionId transactionId, uint priority,
        bool useCandidate, out int written)
    {
        written = 0;
        var writer = new StunWriter(destination);
        bool ok = writer.TryBegin(StunMessageType.BindingRequest, transactionId)
            && writer.TryAddUsername(_username)
            && writer.TryAddUInt32(StunAttributeType.Priority, priority)
            && writer.TryAddUInt64(StunAttributeType.IceControlling, TieBreaker)
            && (!useCandidate || writer.TryAddFlag(StunAttributeType.UseCandidate))
            && writer.TryAddMessageIntegrity(_remoteKey)
            && writer.TryAddFingerprint();
        if (ok)
        {
            written = writer.Written;
        }
        return ok;
    }

    /// <summary>
    /// Checks a datagram against the request we sent: STUN, a Binding response, our transaction id,
    /// FINGERPRINT, and MESSAGE-INTEGRITY with the remote password (error responses 400/401 may lack it).
    /// </summary>
    public IceResponseStatus ValidateResponse(ReadOnlySpan<byte> datagram, in StunTransactionId expected,
        out IPEndPoint? mappedAddress, out int errorCode)
    {
        mappedAddress = null;
        errorCode = 0;
        if (!StunMessage.TryRead(datagram, out StunMessage message, out int consumed, out StunParseError error))
        {
            return error == StunParseError.NotStun ? IceResponseStatus.NotStun : IceResponseStatus.Malformed;
        }
        if (consumed != datagram.Length)
        {
            return IceResponseStatus.Malformed;
        }
        if (message.Method != StunMessageType.BindingMethod
            || message.Class is not (StunClass.SuccessResponse or StunClass.ErrorResponse))
        {
            return IceResponseStatus.NotBindingResponse;
        }
        if (message.TransactionId != expected)
        {
            return IceResponseStatus.TransactionMismatch;
        }
        if (!message.VerifyFingerprint())
        {
            return IceResponseStatus.BadFingerprint;
        }
        if (message.Class == StunClass.ErrorResponse)
        {
            message.TryGetErrorCode(out errorCode, out _);
            if (message.HasMessageIntegrity && !message.VerifyMessageIntegrity(_remoteKey))
            {
                return IceResponseStatus.BadIntegrity;
            }
            return IceResponseStatus.ErrorResponse;
        }
        if (!message.VerifyMessageIntegrity(_remoteKey))
        {
            return IceResponseStatus.BadIntegrity;
        }
        return message.TryGetXorMappedAddress(out mappedAddress)
            ? IceResponseStatus.Success
            : IceResponseStatus.MissingMappedAddress;
    }
}
