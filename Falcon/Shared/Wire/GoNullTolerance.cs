using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Falcon.Shared.Wire;

/// <summary>
/// Reads JSON as Go peers write it. Go's encoding/json writes a nil slice or map as <c>null</c> (the fork's hbs sends
/// <c>"Metrics":null</c> for a host without builtin metrics), and a Go reader leaves a string untouched by a
/// <c>null</c>. A type info from <see cref="For{T}"/> does the same for every property of every type it reaches: a
/// <c>null</c> list, set or map reads as an empty one, and a <c>null</c> string keeps its default (<c>""</c>).
/// </summary>
/// <remarks>
/// Works on the metadata of any source-generated context (NativeAOT has no reflection serializer), so a wire type
/// added later is covered without code of its own. The source generator sets <c>init</c> and constructor-bound
/// properties through the constructor, out of a modifier's reach: a wire type's collection is either a <c>set</c>
/// property or coalesces null itself (<c>init =&gt; field = value ?? []</c>). GoNullToleranceTests checks every
/// list and map of every wire type, so one that does neither fails there.
/// </remarks>
internal static class GoNullTolerance
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> Tolerant = new();
    private static readonly ConditionalWeakTable<JsonSerializerOptions, object> Marked = new();

    /// <summary>The type info for <typeparamref name="T"/> from the same metadata, reading <c>null</c> collections as empty.</summary>
    public static JsonTypeInfo<T> For<T>(JsonTypeInfo<T> typeInfo) => (JsonTypeInfo<T>)For((JsonTypeInfo)typeInfo);

    /// <summary>The type info for <paramref name="typeInfo"/>'s type from the same metadata, reading <c>null</c> collections as empty.</summary>
    public static JsonTypeInfo For(JsonTypeInfo typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (Marked.TryGetValue(typeInfo.Options, out _))
        {
            return typeInfo;
        }

        var options = Tolerant.GetValue(typeInfo.Options, static original =>
        {
            var resolver = original.TypeInfoResolver
                ?? throw new InvalidOperationException("the JSON options have no type info resolver (a source-generated context is expected)");
            var tolerant = new JsonSerializerOptions(original) { TypeInfoResolver = resolver.WithAddedModifier(Modify) };
            Marked.Add(tolerant, tolerant);
            return tolerant;
        });
        return options.GetTypeInfo(typeInfo.Type);
    }

    private static void Modify(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Set is not { } set || property.PropertyType.IsValueType)
            {
                continue;
            }

            var options = typeInfo.Options;
            var type = property.PropertyType;
            if (type == typeof(string))
            {
                // Go: "unmarshaling null into any other Go value has no effect".
                property.Set = (target, value) =>
                {
                    if (value is not null)
                    {
                        set(target, value);
                    }
                };
                continue;
            }

            property.Set = (target, value) => set(target, value ?? EmptyOf(options, type));
        }
    }

    // A fresh empty instance each time (a shared one could be a mutable List). Reading "[]" or "{}" through the
    // property's own metadata gives the concrete type the context would create, with no reflection.
    private static object? EmptyOf(JsonSerializerOptions options, Type type)
    {
        var info = options.GetTypeInfo(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Enumerable => JsonSerializer.Deserialize("[]"u8, info),
            JsonTypeInfoKind.Dictionary => JsonSerializer.Deserialize("{}"u8, info),
            // A collection with a converter of its own (TagSet): ask the converter for its empty form.
            JsonTypeInfoKind.None when typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => EmptyByConverter(info),
            _ => null,
        };
    }

    private static object? EmptyByConverter(JsonTypeInfo info)
    {
        foreach (var empty in new[] { "{}"u8.ToArray(), "[]"u8.ToArray() })
        {
            try
            {
                return JsonSerializer.Deserialize(empty, info);
            }
            catch (JsonException)
            {
                // Not this shape; try the other.
            }
        }

        return null;
    }
}
