namespace VideoRelay.WebRtc.Ice;

/// <summary>Finds the local credential for a ufrag taken from a Binding request's USERNAME.</summary>
public interface IIceCredentialLookup<TSession>
    where TSession : class
{
    /// <summary>Looks up <paramref name="localUfrag"/> (raw bytes from the wire); must not allocate.</summary>
    bool TryFind(ReadOnlySpan<byte> localUfrag, out IceLocalCredential<TSession>? credential);
}
