using Falcon.Roles.Alarm.Records;
using Falcon.Roles.Alarm.Routing;
using Falcon.Tests.Roles.Alarm.Consumption;

namespace Falcon.Tests.Roles.Alarm.Routing;

public sealed class CallbackUrlTests
{
    [Test]
    public void CallbackUrl_CarriesTheEventAsOpenFalconsQueryParameters()
    {
        var e = TestEvents.Strategy(priority: 2, tags: "core=1,mount=/");

        var url = CallbackInvoker.CallbackUrl(e, "http://hook/run?token=x");

        Assert.That(url, Is.EqualTo(
            "http://hook/run?token=x&endpoint=host-a&metric=cpu.idle&status=PROBLEM&step=1&priority=2&time="
            + Uri.EscapeDataString(GoFormat.Time(e.EventTime))
            + "&tpl_id=7&exp_id=0&stra_id=12&left_value=5.5&tags=core%3A1%2Cmount%3A%2F"));
    }
}
