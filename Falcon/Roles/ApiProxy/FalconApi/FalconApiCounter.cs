namespace Falcon.Roles.ApiProxy.FalconApi;

/// <summary>One counter of an endpoint as graph's index knows it: the counter string, its step and its type.</summary>
internal sealed record FalconApiCounter(string Endpoint, string Counter, int Step, string Type);
