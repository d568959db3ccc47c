using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Falcon.Roles.ApiProxy.FalconApi;

internal sealed partial class FalconApiClient
{
    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_base, path)) { Content = content };
        if (_apitoken is not null)
        {
            request.Headers.TryAddWithoutValidation("Apitoken", _apitoken);
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = ErrorText(body);
            throw new FalconApiException(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                ? $"open-falcon api {request.RequestUri} refused apiproxy's Apitoken (check datacenters.apiUser and apiToken against its default_token): {error}"
                : $"open-falcon api {request.RequestUri} answered HTTP {(int)response.StatusCode}: {error}", response.StatusCode);
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new FalconApiException($"open-falcon api {request.RequestUri} did not answer JSON: {e.Message}", e);
        }
    }

    // open-falcon's errors are {"error":"…"}; anything else (a proxy's page) is shown shortened.
    private static string ErrorText(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                return error.ValueKind == JsonValueKind.String ? error.GetString()! : error.GetRawText();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the text itself below.
        }

        var text = System.Text.Encoding.UTF8.GetString(body).Trim();
        return text.Length > 300 ? text[..300] : text;
    }

    private static ByteArrayContent Json(Action<Utf8JsonWriter> write)
    {
        var content = new ByteArrayContent(JsonBytes(write));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private static byte[] JsonBytes(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static JsonElement[] Items(JsonElement root, string route) =>
        root.ValueKind switch
        {
            JsonValueKind.Array => [.. root.EnumerateArray()],
            JsonValueKind.Null => [],
            _ => throw new FalconApiException($"open-falcon api answered {route} with {root.ValueKind}, not a JSON array"),
        };

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static double? Number(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    // open-falcon's JsonFloat: a number, or null for NaN (no value); a quoted number is read too.
    private static double Value(JsonElement point) =>
        !point.TryGetProperty("value", out var value) ? double.NaN
        : value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : double.NaN;
}
