using System.ComponentModel.DataAnnotations;
using Falcon.Shared.Configuration;

namespace Falcon.Shared.Datacenters;

/// <summary>One entry of the `datacenters` list: its name, its hbs servers and its query backends (a TSDB, an open-falcon api, or both).</summary>
internal sealed class DatacenterOptions
{
    /// <summary>The name apiproxy gives itself in the Apitoken header it sends to an open-falcon api when `apiUser` is not set.</summary>
    public const string DefaultApiUser = "falcon-apiproxy";

    /// <summary>The datacenter's name, as shown in partial-answer flags, `/health`, metrics and the `datacenter` label.</summary>
    [Required(ErrorMessage = "datacenters.name is required")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", ErrorMessage = "datacenters.name must be 1-64 letters, digits, '_', '.' or '-'")]
    public string Name { get; set; } = "";

    /// <summary>Every hbs of the datacenter (host:port); each knows only the agents connected to it, so all are asked.</summary>
    /// <remarks>Empty by default rather than pre-filled: the configuration binder appends to a pre-filled list.</remarks>
    public IList<string> Hbs { get; set; } = [];

    /// <summary>The base of the datacenter's Prometheus HTTP API (its TSDB, the part before /api/v1/query); empty when it has none.</summary>
    /// <remarks>Checked in <see cref="DatacentersOptions"/>: a datacenter needs this, <see cref="ApiUrl"/>, or both.</remarks>
    public string QueryUrl { get; set; } = "";

    /// <summary>The base of an open-falcon api (`http://api.dc2:8080`, the part before /api/v1) for a datacenter that still runs graph; empty when none.</summary>
    public string ApiUrl { get; set; } = "";

    /// <summary>The `name` of the Apitoken header sent to <see cref="ApiUrl"/>.</summary>
    public string ApiUser { get; set; } = DefaultApiUser;

    /// <summary>The `sig` of the Apitoken header sent to <see cref="ApiUrl"/>: that api's `default_token` (or a session sig); empty sends no header (an api with `skip_auth`).</summary>
    public string ApiToken { get; set; } = "";

    /// <summary>How long one query to this datacenter may take before the answer goes out without it.</summary>
    [DurationRange("datacenters.timeout", "00:00:00.050", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
