using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Falcon.Roles.Console.Config.Portal;

/// <summary>
/// Reads a portal file: one YAML mapping of lists of objects, each object turned into its kind's JSON. A plain
/// scalar is a number, boolean or null where YAML 1.2 (the core schema) says so and a string otherwise; a quoted one
/// is always a string, so `"90"` stays the string a strategy's right value is.
/// </summary>
internal static partial class PortalYamlReader
{
    public static PortalDocument Read(TextReader reader, IReadOnlyCollection<string> knownSections)
    {
        ArgumentNullException.ThrowIfNull(knownSections);
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new PortalFileException($"line {e.Start.Line}, column {e.Start.Column}: not valid YAML: {Innermost(e).Message}", e);
        }

        if (stream.Documents.Count != 1)
        {
            throw new PortalFileException(stream.Documents.Count == 0 ? "the file is empty" : "the file holds several YAML documents; a portal file is one");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new PortalFileException($"line {stream.Documents[0].RootNode.Start.Line}: a portal file is a mapping of lists ({string.Join(", ", knownSections)})");
        }

        var sections = new List<PortalSection>();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = keyNode is YamlScalarNode { Value: { } k } ? k : "";
            if (!knownSections.Contains(key))
            {
                throw new PortalFileException($"line {keyNode.Start.Line}: unknown list '{key}' (known: {string.Join(", ", knownSections)})");
            }

            sections.Add(new PortalSection(key, Objects(key, value)));
        }

        return new PortalDocument(sections);
    }

    private static List<PortalObject> Objects(string section, YamlNode value)
    {
        if (value is YamlScalarNode { Style: ScalarStyle.Plain } empty && IsNull(empty.Value))
        {
            return []; // "users:" with nothing after it
        }

        if (value is not YamlSequenceNode sequence)
        {
            throw new PortalFileException($"line {value.Start.Line}: {section} must be a list");
        }

        var objects = new List<PortalObject>();
        var index = 0;
        foreach (var item in sequence.Children)
        {
            if (item is not YamlMappingNode)
            {
                throw new PortalFileException($"line {item.Start.Line}: {section}[{index}] must be an object (a mapping of fields)");
            }

            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                WriteJson(writer, item, $"{section}[{index}]");
            }

            objects.Add(new PortalObject(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan), checked((int)item.Start.Line)));
            index++;
        }

        return objects;
    }

    private static void WriteJson(Utf8JsonWriter writer, YamlNode node, string path)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        throw new PortalFileException($"line {key.Start.Line}: {path}: a field name must be text");
                    }

                    writer.WritePropertyName(name);
                    WriteJson(writer, value, $"{path}.{name}");
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                var i = 0;
                foreach (var child in sequence.Children)
                {
                    WriteJson(writer, child, $"{path}[{i++}]");
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                throw new PortalFileException($"line {node.Start.Line}: {path}: unexpected YAML {node.NodeType}");
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        var explicitString = scalar.Tag.IsEmpty ? false : scalar.Tag.Value == "tag:yaml.org,2002:str";
        if (scalar.Style != ScalarStyle.Plain || explicitString)
        {
            writer.WriteStringValue(value);
        }
        else if (IsNull(value))
        {
            writer.WriteNullValue();
        }
        else if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            writer.WriteBooleanValue(value[0] is 't' or 'T');
        }
        else if (JsonNumber().IsMatch(value))
        {
            writer.WriteRawValue(value);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    private static bool IsNull(string? value) => value is null or "" or "~" or "null" or "Null" or "NULL";

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;

    [GeneratedRegex(@"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonNumber();
}
