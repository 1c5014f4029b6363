return Mt.Cli.CliApp.Run(args, Console.Out, Console.Error);
