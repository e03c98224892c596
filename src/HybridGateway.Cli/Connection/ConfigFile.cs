using System.Text.Json;

namespace HybridGateway.Cli.Connection;

/// <summary>
/// The saved login: <c>$HGW_CONFIG</c>, or <c>~/.config/hgw/config.json</c>. It holds a token, so it
/// is written with mode 0600 (its folder 0700) before any byte of it exists on disk.
/// </summary>
public static class ConfigFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable("HGW_CONFIG") is { Length: > 0 } configured)
            {
                return System.IO.Path.GetFullPath(configured);
            }
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return System.IO.Path.Combine(home, ".config", "hgw", "config.json");
        }
    }

    public static SavedLogin? Load()
    {
        var path = Path;
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<SavedLogin>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw CliFailure.Usage($"the config file {path} is not valid JSON ({e.Message}); run 'hgw login' again");
        }
    }

    public static string Save(SavedLogin login)
    {
        var path = Path;
        var folder = System.IO.Path.GetDirectoryName(path)!;
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            // The user profile's ACL already keeps it private.
            Directory.CreateDirectory(folder);
        }
        else
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, login, Indented);
            }
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw CliFailure.Usage($"cannot save the login to {path}: {e.Message}");
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return path;
    }
}
