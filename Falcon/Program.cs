using Falcon.Cli;

// Run socket continuations on the socket engine's own thread instead of hopping to the thread pool for every
// receive: heartbeat and push handlers answer synchronously, and the hop cost more CPU than the work (BENCHMARKS.md).
// It is read once, when the first socket is used; an operator's own setting wins. Handlers that do real work
// yield to the thread pool themselves.
const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineCompletions, "1");
}

return await FalconCli.InvokeAsync(args);
