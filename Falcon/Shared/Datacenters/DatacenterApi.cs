namespace Falcon.Shared.Datacenters;

/// <summary>A datacenter's open-falcon api (a site that still runs graph): its base URL and the Apitoken name and sig sent to it.</summary>
internal sealed record DatacenterApi(string Url, string User, string Token);
