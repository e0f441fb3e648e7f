namespace VideoRelay.WhepClient;

/// <summary>A WHEP viewer could not connect: the server refused the offer, or ICE or DTLS failed.</summary>
public sealed class WhepConnectException : Exception
{
    public WhepConnectException(string message, int httpStatus = 0, Exception? inner = null)
        : base(message, inner)
    {
        HttpStatus = httpStatus;
    }

    public WhepConnectException()
    {
    }

    public WhepConnectException(string message)
        : base(message)
    {
    }

    public WhepConnectException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The HTTP status of a refused offer (404, 400, 503, …); 0 when the failure came later.</summary>
    public int HttpStatus { get; }
}
