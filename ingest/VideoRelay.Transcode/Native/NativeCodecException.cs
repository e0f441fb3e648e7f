namespace VideoRelay.Transcode.Native;

/// <summary>A native codec call failed where the caller cannot go on (open, configuration).</summary>
public sealed class NativeCodecException : Exception
{
    public NativeCodecException(string operation, int code)
        : base($"{operation} failed: {NativeMethods.ErrorText(code)} ({code})")
    {
        Code = (VrError)code;
    }

    public VrError Code { get; }

    internal static void ThrowIfFailed(int code, string operation)
    {
        if (code < 0)
        {
            Throw(code, operation);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Throw(int code, string operation) => throw new NativeCodecException(operation, code);
}
