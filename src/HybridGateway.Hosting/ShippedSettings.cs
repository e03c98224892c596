using Microsoft.Extensions.Configuration;

namespace HybridGateway.Hosting;

/// <summary>
/// The settings file a host ships beside its program (production log levels, ...), read with the
/// lowest precedence: every other source (appsettings, environment, command line) overrides it.
/// It is found beside the program, whatever the working directory.
/// </summary>
public static class ShippedSettings
{
    public static IConfigurationBuilder AddShippedSettings(this IConfigurationBuilder configuration, string fileName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var shipped = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile(fileName, optional: true, reloadOnChange: false)
            .Build();
        configuration.Sources.Insert(0, new ChainedConfigurationSource { Configuration = shipped, ShouldDisposeConfiguration = true });
        return configuration;
    }
}
