using Falcon.Shared.Datacenters;

namespace Falcon.Tests.Shared.Datacenters;

public sealed class DatacentersOptionsTests
{
    [Test]
    public void Validate_ADatacenterWithNeitherQueryUrlNorApiUrl_FailsNamingBoth()
    {
        var result = Validate(new DatacenterOptions { Name = "dc2", Hbs = ["10.1.0.1:6030"] });

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("datacenters.0 ('dc2') needs a query backend: queryUrl").And.Contain("apiUrl"));
    }

    [TestCase("http://vm.dc2:8428", "")]
    [TestCase("", "http://api.dc2:8080")]
    [TestCase("http://vm.dc2:8428", "http://api.dc2:8080")]
    public void Validate_ADatacenterWithEitherUrlOrBoth_Passes(string queryUrl, string apiUrl)
    {
        var result = Validate(new DatacenterOptions { Name = "dc2", Hbs = ["10.1.0.1:6030"], QueryUrl = queryUrl, ApiUrl = apiUrl, ApiToken = "t" });

        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase("api.dc2:8080", "datacenters.0.apiUrl must be an absolute http:// or https:// URL")]
    [TestCase("ftp://api.dc2", "datacenters.0.apiUrl must be an absolute http:// or https:// URL")]
    public void Validate_AnApiUrlThatIsNotAnHttpUrl_FailsNamingTheKey(string apiUrl, string message)
    {
        var result = Validate(new DatacenterOptions { Name = "dc2", Hbs = ["10.1.0.1:6030"], ApiUrl = apiUrl });

        Assert.That(result.FailureMessage, Does.Contain(message));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(DatacenterOptions dc) =>
        new DatacentersOptionsValidator().Validate(null, new DatacentersOptions { Items = [dc] });
}
