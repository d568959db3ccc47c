using System.Buffers;
using System.Text;
using System.Text.Json;
using MySqlConnector;

namespace Falcon.Roles.Console.Config.Portal;

/// <summary>
/// Password hashes in a portal file: the user kind's JSON never holds one, so `--with-secrets` adds `passwd` from
/// uic.user to each user, and import takes it off before the kind sees the JSON and writes it back itself.
/// </summary>
internal static class UserSecrets
{
    public const string Property = "passwd";

    public static async Task<string?> ReadAsync(MySqlConnection connection, MySqlTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("SELECT passwd FROM `user` WHERE name = @name", connection, transaction);
        command.Parameters.AddWithValue("@name", name);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public static async Task WriteAsync(MySqlConnection connection, MySqlTransaction transaction, string name, string hash, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand("UPDATE `user` SET passwd = @passwd WHERE name = @name", connection, transaction);
        command.Parameters.AddWithValue("@passwd", hash);
        command.Parameters.AddWithValue("@name", name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The user's JSON with `passwd` added last.</summary>
    public static string With(string json, string hash) => Rewrite(json, hash, out _);

    /// <summary>The user's JSON without `passwd`, and the hash it held (null when none; an error when it is not text).</summary>
    public static string Without(string json, out string? hash) => Rewrite(json, null, out hash);

    private static string Rewrite(string json, string? add, out string? removed)
    {
        removed = null;
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.NameEquals(Property))
                {
                    removed = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()
                        : throw new ConfigValidationException(Property, "passwd must be the password hash as text");
                    continue;
                }

                property.WriteTo(writer);
            }

            if (add is not null)
            {
                writer.WriteString(Property, add);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
