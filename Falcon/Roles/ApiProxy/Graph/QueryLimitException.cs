namespace Falcon.Roles.ApiProxy.Graph;

/// <summary>A query asks for more than `apiproxy` allows (series, points or range); answered 422 with the message.</summary>
internal sealed class QueryLimitException : Exception
{
    public QueryLimitException()
    {
    }

    public QueryLimitException(string message)
        : base(message)
    {
    }

    public QueryLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
