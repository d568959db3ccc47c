using System.Text.Json;

namespace Falcon.Shared.Wire;

/// <summary>
/// A method whose parameter is read from the request bytes in the same pass as the envelope, without a
/// <see cref="JsonDocument"/> of the request (transfer's pushes are tens of KB), and run once the request has been
/// read whole. Registered with <see cref="JsonRpcServer.RegisterDirect"/>; requests the direct path does not take are
/// served through the same two methods from the parsed document.
/// </summary>
internal interface IJsonRpcDirectMethod
{
    /// <summary>Reads the first element of <c>params</c>, the reader on its first token, and leaves the reader on its last token.</summary>
    /// <returns>What <see cref="RunAsync"/> gets.</returns>
    /// <exception cref="JsonException">The parameter is not what the method takes; the caller gets the message as the error.</exception>
    object ReadParam(ref Utf8JsonReader reader);

    /// <summary>Serves the call and writes its result.</summary>
    /// <param name="param">What <see cref="ReadParam"/> returned, or null when <c>params</c> was empty.</param>
    /// <param name="result">Where the result value goes.</param>
    /// <param name="cancellationToken">Cancelled when the connection goes away.</param>
    ValueTask RunAsync(object? param, Utf8JsonWriter result, CancellationToken cancellationToken);
}
