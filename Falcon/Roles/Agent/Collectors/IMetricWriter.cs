namespace Falcon.Roles.Agent.Collectors;

/// <summary>Where a collector writes its points; tags are open-falcon's "k1=v1,k2=v2" text.</summary>
internal interface IMetricWriter
{
    void Gauge(string metric, double value, string tags = "");

    void Counter(string metric, double value, string tags = "");
}
