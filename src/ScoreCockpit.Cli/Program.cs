using ScoreCockpit.Cli;

return await ScoreCockpitCli.RunAsync(args, CliConsole.FromProcess());
