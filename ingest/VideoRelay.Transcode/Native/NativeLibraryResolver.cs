using System.Reflection;
using System.Runtime.InteropServices;

namespace VideoRelay.Transcode.Native;

/// <summary>
/// Finds native/build/libvrnative.so: <c>VIDEORELAY_NATIVE_DIR</c> first, then every ancestor of
/// <see cref="AppContext.BaseDirectory"/> (so bin/ folders of any project in the checkout work), then
/// the default search path.
/// </summary>
public static class NativeLibraryResolver
{
    public const string EnvironmentVariable = "VIDEORELAY_NATIVE_DIR";
    public const string FileName = "libvrnative.so";

    private static int s_registered;

    /// <summary>Installs the resolver for this assembly (idempotent; also done by the first native call).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
        }
    }

    /// <summary>Sets libav*'s process-wide log level (AV_LOG_*: -8 quiet, 16 error, 24 warning, 32 info).</summary>
    public static void SetLogLevel(int avLogLevel) => NativeMethods.vr_set_log_level(avLogLevel);

    /// <summary>The path that will be loaded, or null when none was found.</summary>
    public static string? FindLibrary()
    {
        string? dir = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(dir))
        {
            string candidate = Path.Combine(dir, FileName);
            return File.Exists(candidate) ? candidate : null;
        }
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "native", "build", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library)
        {
            return 0;
        }
        string? path = FindLibrary();
        if (path is not null)
        {
            return NativeLibrary.Load(path);
        }
        if (NativeLibrary.TryLoad(FileName, assembly, searchPath, out nint handle))
        {
            return handle;
        }
        throw new DllNotFoundException(
            $"{FileName} was not found (looked in ${EnvironmentVariable}, then native/build/ above {AppContext.BaseDirectory}): " +
            "run scripts/setup.sh to build native/.");
    }
}
