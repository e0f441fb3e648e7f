namespace VideoRelay.Core.Diagnostics;

/// <summary>
/// Reads the host's /proc and /sys under a root (a temporary tree in tests). Every read is bounded and
/// returns null instead of throwing: a missing file is a finding, not an error.
/// </summary>
internal sealed class HostFiles
{
    private const int MaxFileChars = 1024 * 1024;
    private readonly string _root;

    public HostFiles(string root) => _root = root;

    public bool IsRealHost => _root == "/";

    public string Map(string absolutePath) =>
        IsRealHost ? absolutePath : Path.Join(_root, absolutePath);

    public string? Read(string absolutePath)
    {
        try
        {
            // /proc and /sys files report size 0: read in chunks, up to a bound.
            using var reader = new StreamReader(Map(absolutePath));
            var chunk = new char[4096];
            var text = new System.Text.StringBuilder();
            int n;
            while (text.Length < MaxFileChars && (n = reader.Read(chunk, 0, chunk.Length)) > 0)
                text.Append(chunk, 0, n);
            return text.ToString().Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    public bool Exists(string absolutePath) => File.Exists(Map(absolutePath)) || Directory.Exists(Map(absolutePath));

    /// <summary>Names of the entries of a directory (empty when it is missing).</summary>
    public IReadOnlyList<string> List(string absoluteDirectory, string pattern = "*")
    {
        try
        {
            string dir = Map(absoluteDirectory);
            if (!Directory.Exists(dir))
                return [];
            return [.. Directory.EnumerateFileSystemEntries(dir, pattern).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The physical path of <paramref name="absolutePath"/> with every symlink resolved, or null.</summary>
    public string? ResolveLink(string absolutePath) => Interop.FileSystemNative.RealPath(Map(absolutePath));

    /// <summary>The names of running processes (/proc/*/comm).</summary>
    public HashSet<string> ProcessNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string entry in List("/proc"))
        {
            if (entry.Length > 0 && char.IsAsciiDigit(entry[0]) && Read($"/proc/{entry}/comm") is { } comm)
                names.Add(comm);
        }
        return names;
    }
}
