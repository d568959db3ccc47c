using System.Formats.Asn1;
using System.Text;

namespace Falcon.Roles.Console.Auth;

/// <summary>One search result entry: its DN and the first value of each attribute returned (names compared case-insensitively).</summary>
internal sealed record LdapEntry(string Dn, IReadOnlyDictionary<string, string> Attributes)
{
    public string Value(string attribute) => Attributes.GetValueOrDefault(attribute) ?? "";

    public static LdapEntry Read(ReadOnlyMemory<byte> encoded)
    {
        var outer = new AsnReader(encoded, AsnEncodingRules.BER);
        var entry = outer.ReadSequence(outer.PeekTag());
        var dn = Encoding.UTF8.GetString(entry.ReadOctetString());
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var list = entry.ReadSequence();
        while (list.HasData)
        {
            var attribute = list.ReadSequence();
            var name = Encoding.UTF8.GetString(attribute.ReadOctetString());
            var values = attribute.ReadSetOf(skipSortOrderValidation: true);
            if (values.HasData)
            {
                attributes.TryAdd(name, Encoding.UTF8.GetString(values.ReadOctetString()));
            }
        }

        return new LdapEntry(dn, attributes);
    }
}
