using System.Text.Json.Serialization;
using Falcon.Shared.Model.Strategies;
using Falcon.Shared.Wire;

namespace Falcon.Shared.Model.Events;

/// <summary>open-falcon's Event (common/model/event.go) as judge LPUSHes it to <c>event:p&lt;priority&gt;</c>; fields in Go's order.</summary>
internal sealed record JudgeEvent
{
    /// <summary>The event id, <c>s_&lt;strategyId&gt;_&lt;md5&gt;</c> or <c>e_&lt;expressionId&gt;_&lt;md5&gt;</c>.</summary>
    [JsonPropertyName("id")]
    public string Id { get; init; } = "";

    /// <summary>The strategy that raised the event, or null for an expression event; the key is always written.</summary>
    [JsonPropertyName("strategy")]
    public Strategy? Strategy { get; init; }

    /// <summary>The expression that raised the event, or null for a strategy event; the key is always written.</summary>
    [JsonPropertyName("expression")]
    public Expression? Expression { get; init; }

    /// <summary><see cref="JudgeEventStatus.Problem"/> or <see cref="JudgeEventStatus.Ok"/>.</summary>
    [JsonPropertyName("status")]
    public string Status { get; init; } = "";

    [JsonPropertyName("endpoint")]
    public string Endpoint { get; init; } = "";

    /// <summary>The value the function compared, written as Go writes a float64 (<c>90</c>, not <c>90.0</c>).</summary>
    [JsonPropertyName("leftValue")]
    [JsonConverter(typeof(GoDoubleJsonConverter))]
    public double LeftValue { get; init; }

    [JsonPropertyName("currentStep")]
    public int CurrentStep { get; init; }

    /// <summary>The item timestamp (step-aligned), unix seconds.</summary>
    [JsonPropertyName("eventTime")]
    public long EventTime { get; init; }

    /// <summary>The item's tags; written as null when there are none (as Go's gob-decoded nil map), and null or {} both read as none.</summary>
    [JsonPropertyName("pushedTags")]
    [JsonConverter(typeof(PushedTagsJsonConverter))]
    public TagSet PushedTags { get; init => field = value ?? TagSet.Empty; } = TagSet.Empty;

    /// <summary>The alarm priority: the strategy's, else the expression's (Event.Priority in Go).</summary>
    [JsonIgnore]
    public int Priority => Strategy is not null ? Strategy.Priority : Expression?.Priority ?? 0;

    /// <summary>The action that routes the alarm: the expression's, else the strategy template's (Event.ActionId in Go).</summary>
    [JsonIgnore]
    public long ActionId => Expression is not null ? Expression.ActionId : Strategy?.Tpl?.ActionId ?? 0;
}
