using System.Diagnostics;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode.Tests;

/// <summary>Runs the native ctest program under valgrind: the shim must be leak- and error-free over a short run.</summary>
[Trait("Category", "EndToEnd")]
public sealed class NativeLeakCheckTests
{
    [Fact]
    public async Task Native_test_program_is_clean_under_valgrind()
    {
        string library = NativeLibraryResolver.FindLibrary() ?? throw new InvalidOperationException("run scripts/setup.sh to build native/");
        string program = Path.Combine(Path.GetDirectoryName(library)!, "vrnative_test");
        Assert.True(File.Exists(program), $"{program} missing: run scripts/setup.sh to build native/");
        // The documented command (native/CMakeLists.txt):
        using Process p = Process.Start(new ProcessStartInfo("valgrind",
            $"--leak-check=full --error-exitcode=1 --errors-for-leak-kinds=definite,indirect {program} --short")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        string stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync(new CancellationTokenSource(120_000).Token);
        Assert.True(p.ExitCode == 0, $"valgrind exit {p.ExitCode}:\n{stderr}");
        Assert.Contains("vrnative_test: ok", await stdout);
    }
}
