namespace VideoRelay.Net.Tests;

/// <summary>A temporary directory standing in for / so doctor checks can be fed chosen /proc and /sys files.</summary>
internal sealed class FakeRoot : IDisposable
{
    public FakeRoot()
    {
        Path = System.IO.Path.Join(System.IO.Path.GetTempPath(), "vr-doctor-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Write(string absolute, string content)
    {
        string file = Map(absolute);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
    }

    public void Directory(string absolute) => System.IO.Directory.CreateDirectory(Map(absolute));

    public void Link(string absolute, string target)
    {
        string link = Map(absolute);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, target);
    }

    private string Map(string absolute) => System.IO.Path.Join(Path, absolute);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
