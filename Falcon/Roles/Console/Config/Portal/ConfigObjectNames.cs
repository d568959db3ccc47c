using System.Text.Json;

namespace Falcon.Roles.Console.Config.Portal;

/// <summary>
/// What a portal file needs to know of an object's JSON beyond its kind: its name (to merge by) and, for templates,
/// its parent (to write parents before children and delete children before parents).
/// </summary>
internal static class ConfigObjectNames
{
    // The property naming an object: `name` for most kinds; a host by its hostname, an expression by its text.
    private static readonly string[] NameProperties = ["name", "hostname", "endpoint", "expression"];

    /// <summary>The object's name, or null when none of the naming properties holds a non-empty string.</summary>
    public static string? NameOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in NameProperties)
        {
            if (document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } name)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>A template's parent name ("" or absent: none).</summary>
    public static string ParentOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("parent", out var parent)
            && parent.ValueKind == JsonValueKind.String
            ? parent.GetString() ?? ""
            : "";
    }

    /// <summary>
    /// <paramref name="items"/> with every template after its parent when both are in the list, otherwise in their
    /// order; a parent loop keeps its members in their order (the kind refuses the loop when written).
    /// </summary>
    public static List<T> ParentsFirst<T>(IReadOnlyList<T> items, Func<T, string> name, Func<T, string> parent)
    {
        ArgumentNullException.ThrowIfNull(items);
        var byName = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            byName.TryAdd(name(item), item);
        }

        var ordered = new List<T>(items.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            Place(item);
        }

        return ordered;

        void Place(T item)
        {
            var key = name(item);
            if (placed.Contains(key) || !visiting.Add(key))
            {
                return;
            }

            if (byName.TryGetValue(parent(item), out var up))
            {
                Place(up);
            }

            if (placed.Add(key))
            {
                ordered.Add(item);
            }
        }
    }
}
