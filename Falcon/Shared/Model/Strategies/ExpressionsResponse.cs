using System.Text.Json.Serialization;

namespace Falcon.Shared.Model.Strategies;

/// <summary>`Hbs.GetExpressions` reply: the expressions with an action that are not paused.</summary>
internal sealed class ExpressionsResponse
{
    /// <summary>The expressions; Go's hbs sends <c>null</c> when there are none, which reads as an empty list.</summary>
    [JsonPropertyName("expressions")]
    public IReadOnlyList<Expression> Expressions { get; init => field = value ?? []; } = [];
}
