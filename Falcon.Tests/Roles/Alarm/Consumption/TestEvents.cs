using System.Text.Json;
using Falcon.Roles.Alarm.Consumption;
using Falcon.Shared.Model;
using Falcon.Shared.Model.Events;
using Falcon.Shared.Model.Strategies;

namespace Falcon.Tests.Roles.Alarm.Consumption;

/// <summary>Judge events as judge writes them, for alarm tests.</summary>
internal static class TestEvents
{
    /// <summary>A strategy event: strategy 12 of template 7 (action <paramref name="actionId"/>), cpu.idle all(#3) &lt; 10.</summary>
    public static JudgeEvent Strategy(
        string id = "s_12_0123456789abcdef0123456789abcdef",
        int priority = 0,
        string status = JudgeEventStatus.Problem,
        long actionId = 1,
        string endpoint = "host-a",
        int currentStep = 1,
        long eventTime = 1_700_000_000,
        string metric = "cpu.idle",
        string tags = "") => new()
    {
        Id = id,
        Strategy = new Strategy
        {
            Id = 12,
            Metric = metric,
            Func = "all(#3)",
            Operator = "<",
            RightValue = 10,
            MaxStep = 3,
            Priority = priority,
            Note = "cpu busy",
            Tpl = new Template { Id = 7, Name = "tpl", ActionId = actionId, Creator = "alice" },
        },
        Status = status,
        Endpoint = endpoint,
        LeftValue = 5.5,
        CurrentStep = currentStep,
        EventTime = eventTime,
        PushedTags = TagSet.Parse(tags),
    };

    /// <summary>An expression event: expression 33 (action <paramref name="actionId"/>), net.in max(#1) &gt;= 1000.</summary>
    public static JudgeEvent Expression(string id = "e_33_0123456789abcdef0123456789abcdef", int priority = 1, long actionId = 1) => new()
    {
        Id = id,
        Expression = new Expression
        {
            Id = 33,
            Metric = "net.in",
            Func = "max(#1)",
            Operator = ">=",
            RightValue = 1000,
            MaxStep = 1,
            Priority = priority,
            Note = "traffic",
            ActionId = actionId,
        },
        Status = JudgeEventStatus.Problem,
        Endpoint = "host-b",
        LeftValue = 1500,
        CurrentStep = 1,
        EventTime = 1_700_000_060,
    };

    public static string Json(JudgeEvent e) => JsonSerializer.Serialize(e, EventJsonContext.Default.JudgeEvent);

    public static ConsumedEvent Consumed(JudgeEvent e, bool isHigh = true, bool recovered = false) =>
        new($"event:p{e.Priority}", Json(e), e, isHigh, recovered);
}
