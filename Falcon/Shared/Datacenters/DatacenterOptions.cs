using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;
using Falcon.Shared.Tsdb;

namespace Falcon.Shared.Datacenters;

/// <summary>One entry of the `datacenters` list: its name, its hbs servers and its query backend.</summary>
internal sealed class DatacenterOptions
{
    /// <summary>The datacenter's name, as shown in partial-answer flags, `/health`, metrics and the `datacenter` label.</summary>
    [Required(ErrorMessage = "datacenters.name is required")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", ErrorMessage = "datacenters.name must be 1-64 letters, digits, '_', '.' or '-'")]
    public string Name { get; set; } = "";

    /// <summary>Every hbs of the datacenter (host:port); each knows only the agents connected to it, so all are asked.</summary>
    /// <remarks>Empty by default rather than pre-filled: the configuration binder appends to a pre-filled list.</remarks>
    public IList<string> Hbs { get; set; } = [];

    /// <summary>The base of the datacenter's Prometheus HTTP API (its TSDB, the part before /api/v1/query).</summary>
    [HttpUrl("datacenters.queryUrl")]
    public string QueryUrl { get; set; } = "";

    /// <summary>How long one query to this datacenter may take before the answer goes out without it.</summary>
    [DurationRange("datacenters.timeout", "00:00:00.050", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
