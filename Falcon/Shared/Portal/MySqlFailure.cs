using MySqlConnector;

namespace Falcon.Shared.Portal;

/// <summary>
/// Tells a permanent MySQL failure (the server refuses this data: retrying the same row fails the same way) from a
/// transient one (connection lost, timeout, deadlock, lock wait, server read-only or restarting), which is retried.
/// Only errors about the values themselves are permanent; anything else, including schema problems an operator can
/// fix, stays transient so nothing is dropped while it is being fixed.
/// </summary>
internal static class MySqlFailure
{
    private static readonly HashSet<int> PermanentCodes =
    [
        1048, // column cannot be null
        1264, // out of range value
        1265, // data truncated
        1267, // illegal mix of collations (2)
        1270, // illegal mix of collations (3)
        1271, // illegal mix of collations (n)
        1292, // incorrect (date/number) value
        1300, // invalid character string
        1366, // incorrect string / integer value
        1406, // data too long for column
        1452, // foreign key: referenced row missing
    ];

    /// <summary>True when <paramref name="exception"/> (or an inner one) is a MySQL error about the data written.</summary>
    public static bool IsPermanent(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MySqlException mysql && PermanentCodes.Contains(mysql.Number))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The MySQL error number, or null when the failure did not come from the server.</summary>
    public static int? Code(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MySqlException mysql)
            {
                return mysql.Number;
            }
        }

        return null;
    }
}
