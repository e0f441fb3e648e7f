using System.Net;

namespace VideoRelay.WebRtc.Ice;

/// <summary>
/// The server side of ICE-lite (RFC 8445 §2.5): answers the browser's connectivity checks on our one
/// UDP port. Stateless per datagram and thread-safe; allocation-free for a valid check.
/// </summary>
/// <remarks>
/// Order of checks, following RFC 8489 §6.3 and §9.1.3 and RFC 8445 §7.3:
/// <list type="number">
/// <item>not STUN, malformed, trailing bytes, non-Binding, indications and responses: dropped;</item>
/// <item>FINGERPRINT missing or wrong: dropped (RFC 8445 §7.2.2 requires it; RFC 8489 §7.3 treats a bad one as not STUN);</item>
/// <item>USERNAME or MESSAGE-INTEGRITY missing: 400, unauthenticated;</item>
/// <item>USERNAME not "localUfrag:remoteUfrag" of a known session, or integrity wrong: 401, unauthenticated;</item>
/// <item>unknown comprehension-required attributes: 420 with UNKNOWN-ATTRIBUTES, authenticated;</item>
/// <item>ICE-CONTROLLED present: role conflict. A lite agent is always controlled and cannot switch
///   (RFC 8445 §6.1.1), so it answers 487 whatever the tie-breakers (authenticated);</item>
/// <item>PRIORITY missing (RFC 8445 §7.1.1 makes it mandatory): 400, authenticated;</item>
/// <item>otherwise: success with XOR-MAPPED-ADDRESS = the source address, MESSAGE-INTEGRITY, FINGERPRINT.</item>
/// </list>
/// Every response, error or not, ends with FINGERPRINT.
/// </remarks>
public sealed class IceLiteAgent<TSession>
    where TSession : class
{
    /// <summary>A response buffer of this size always suffices.</summary>
    public const int MaxResponseSize = 160;

    private readonly IIceCredentialLookup<TSession> _credentials;

    /// <summary>Creates an agent over a credential lookup.</summary>
    public IceLiteAgent(IIceCredentialLookup<TSession> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        _credentials = credentials;
    }

    /// <summary>
    /// Handles one datagram from <paramref name="remote"/>; writes the response (if any) into
    /// <paramref name="response"/>.
    /// </summary>
    public IceCheckResult<TSession> Process(ReadOnlySpan<byte> datagram, IPEndPoint remote, Span<byte> response)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (!StunMessage.TryRead(datagram, out StunMessage request, out int consumed, out StunParseError parseError))
        {
            return IceCheckResult<TSession>.Drop(
                parseError == StunParseError.NotStun ? IceDropReason.NotStun : IceDropReason.Malformed, parseError);
        }
        if (consumed != datagram.Length)
        {
            return IceCheckResult<TSession>.Drop(IceDropReason.TrailingBytes);
        }
        if (request.Method != StunMessageType.BindingMethod)
        {
            return IceCheckResult<TSession>.Drop(IceDropReason.UnsupportedMethod);
        }
        switch (request.Class)
        {
            case StunClass.Indication:
                return IceCheckResult<TSession>.Drop(IceDropReason.Indication);
            case StunClass.SuccessResponse:
            case StunClass.ErrorResponse:
                return IceCheckResult<TSession>.Drop(IceDropReason.UnexpectedResponse);
        }
        if (!request.HasFingerprint)
        {
            return IceCheckResult<TSession>.Drop(IceDropReason.MissingFingerprint);
        }
        if (!request.VerifyFingerprint())
        {
            return IceCheckResult<TSession>.Drop(IceDropReason.BadFingerprint);
        }
        if (!request.HasUsername || !request.HasMessageIntegrity)
        {
            return Error(request, response, 400, "Bad Request", null, default);
        }

        ReadOnlySpan<byte> username = request.UsernameBytes;
        int colon = username.IndexOf((byte)':');
        if (colon <= 0
            || !_credentials.TryFind(username[..colon], out IceLocalCredential<TSession>? credential)
            || credential is null
            || !credential.RemoteUfragMatches(username[(colon + 1)..])
            || !request.VerifyMessageIntegrity(credential.PasswordKey.Span))
        {
            return Error(request, response, 401, "Unauthenticated", null, default);
        }

        ReadOnlySpan<byte> key = credential.PasswordKey.Span;
        if (request.UnknownComprehensionRequiredCount > 0)
        {
            return Error(request, response, 420, "Unknown Attribute", credential.Session, key);
        }
        if (request.HasIceControlled)
        {
            return Error(request, response, 487, "Role Conflict", credential.Session, key);
        }
        if (!request.HasPriority)
        {
            return Error(request, response, 400, "Bad Request", credential.Session, key);
        }

        var writer = new StunWriter(response);
        StunTransactionId transactionId = request.TransactionId;
        if (!writer.TryBegin(StunMessageType.BindingSuccessResponse, transactionId)
            || !writer.TryAddXorMappedAddress(remote)
            || !writer.TryAddMessageIntegrity(key)
            || !writer.TryAddFingerprint())
        {
            return IceCheckResult<TSession>.Drop(IceDropReason.ResponseBufferTooSmall);
        }
        return new IceCheckResult<TSession>(IceCheckOutcome.Success, IceDropReason.None, StunParseError.None, 0,
            writer.Written, credential.Session, request.UseCandidate, request.Priority);
    }

    private static IceCheckResult<TSession> Error(
        in StunMessage request, Span<byte> response, int code, string reason, TSession? session, ReadOnlySpan<byte> key)
    {
        var writer = new StunWriter(response);
        StunTransactionId transactionId = request.TransactionId;
        bool ok = writer.TryBegin(StunMessageType.BindingErrorResponse, transactionId)
            && writer.TryAddErrorCode(code, reason);
        if (ok && code == 420)
        {
            Span<ushort> unknown = stackalloc ushort[StunAttributeIndex.MaxUnknownRecorded];
            int n = Math.Min(request.UnknownComprehensionRequiredCount, unknown.Length);
            for (int i = 0; i < n; i++)
            {
                unknown[i] = request.GetUnknownComprehensionRequired(i);
            }
            ok = writer.TryAddUnknownAttributes(unknown[..n]);
        }
        if (ok && session is not null)
        {
            ok = writer.TryAddMessageIntegrity(key);
        }
        ok = ok && writer.TryAddFingerprint();
        if (!ok)
        {
            return IceCheckResult<TSession>.Drop(IceDropReason.ResponseBufferTooSmall);
        }
        return new IceCheckResult<TSession>(IceCheckOutcome.ErrorResponse, IceDropReason.None, StunParseError.None, code,
            writer.Written, session, false, request.Priority);
    }
}
