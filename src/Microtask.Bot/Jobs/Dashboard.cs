using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;

namespace Microtask.Bot.Jobs;

/// <summary>
/// The Hangfire dashboard at /hangfire, for admins only: it exists only when a user name and password are configured
/// (Microtask:Dashboard:User and :Password, the password from the environment), and asks for them with HTTP Basic
/// authentication. Nothing is served at /hangfire otherwise.
/// </summary>
internal static class Dashboard
{
    public const string Path = "/hangfire";

    public static void MapDashboard(this WebApplication app)
    {
        var options = app.Configuration.GetSection("Microtask:Dashboard").Get<DashboardCredential>();
        if (options is not { User: { Length: > 0 } user, Password: { Length: > 0 } password })
        {
            return;
        }

        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new BasicAuthentication(user, password)],
            DashboardTitle = "Microtask.Bot jobs",
            DisplayStorageConnectionString = false,
        });
    }

    private sealed class DashboardCredential
    {
        public string? User { get; set; }

        public string? Password { get; set; }
    }

    private sealed class BasicAuthentication(string user, string password) : IDashboardAuthorizationFilter
    {
        private readonly byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes($"{user}:{password}"));

        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (Matches(http.Request.Headers.Authorization.ToString()))
            {
                return true;
            }

            // Hangfire answers 401 when this returns false; the header makes browsers ask for the credential.
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"Microtask.Bot jobs\", charset=\"UTF-8\"";
            return false;
        }

        private bool Matches(string header)
        {
            if (!AuthenticationHeaderValue.TryParse(header, out var value) || !value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase)
                || value.Parameter is null)
            {
                return false;
            }

            try
            {
                var given = SHA256.HashData(Convert.FromBase64String(value.Parameter));
                return CryptographicOperations.FixedTimeEquals(given, expected);
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
