namespace Falcon.Shared.Wire;

/// <summary>A registered <see cref="IJsonRpcDirectMethod"/> and its name.</summary>
internal sealed record JsonRpcDirectEntry(string Method, byte[] Utf8Method, IJsonRpcDirectMethod Handler);
