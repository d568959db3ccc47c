using Falcon.Cli;

return await FalconCli.InvokeAsync(args);
