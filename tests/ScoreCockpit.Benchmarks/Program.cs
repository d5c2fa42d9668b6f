using BenchmarkDotNet.Running;
using ScoreCockpit.Benchmarks.Load;

// Run with: dotnet run -c Release --project tests/ScoreCockpit.Benchmarks -- --filter '*'
// The load run is not a BenchmarkDotNet job: -- load [--users 20] [--minutes 10] [--think-ms 1000] (docs/benchmarks/load.md).
if (args is ["load", .. var rest])
{
    return await LoadCommand.RunAsync(rest);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
