using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("VideoRelay.Bench.Tests")]
