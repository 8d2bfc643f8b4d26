return await AgentOs.Cli.CliApp.RunAsync(args).ConfigureAwait(false);
