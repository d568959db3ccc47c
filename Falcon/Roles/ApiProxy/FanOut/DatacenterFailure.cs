namespace Falcon.Roles.ApiProxy.FanOut;

/// <summary>Why a datacenter is missing from an answer: timeout, busy (no free query slot in time), unreachable or error, with the detail.</summary>
internal sealed record DatacenterFailure(string Datacenter, string Reason, string Detail, string? ErrorType = null);
