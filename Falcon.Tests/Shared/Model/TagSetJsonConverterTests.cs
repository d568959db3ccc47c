using System.Text.Json;
using Falcon.Shared.Model;

namespace Falcon.Tests.Shared.Model;

public sealed class TagSetJsonConverterTests
{
    [Test]
    public void Deserialize_WhenObjectOfStrings_BuildsSortedTagSet()
    {
        var tags = JsonSerializer.Deserialize("""{"zone":"a","core":"0"}""", ModelJsonContext.Default.TagSet);

        Assert.That(tags!.Canonical, Is.EqualTo("core=0,zone=a"));
    }

    [Test]
    public void Deserialize_WhenNull_ReturnsNull()
    {
        Assert.That(JsonSerializer.Deserialize("null", ModelJsonContext.Default.TagSet), Is.Null);
    }

    [Test]
    public void Deserialize_WhenValueNull_StoresEmptyStringAsGoDoes()
    {
        var tags = JsonSerializer.Deserialize("""{"k":null}""", ModelJsonContext.Default.TagSet);

        Assert.That(tags!["k"], Is.Empty);
    }

    [Test]
    public void Deserialize_WhenValueNotString_Throws()
    {
        Assert.That(() => JsonSerializer.Deserialize("""{"k":1}""", ModelJsonContext.Default.TagSet), Throws.InstanceOf<JsonException>());
    }

    [Test]
    public void Serialize_WritesObjectInKeyOrder()
    {
        string json = JsonSerializer.Serialize(TagSet.Parse("zone=a,core=0"), ModelJsonContext.Default.TagSet);

        Assert.That(json, Is.EqualTo("""{"core":"0","zone":"a"}"""));
    }
}
