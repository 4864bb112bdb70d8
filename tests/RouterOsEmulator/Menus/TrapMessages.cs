namespace MikroNet.RouterOsEmulator.Menus;

/// <summary>
/// Trap texts. Those marked "observed" are copied from real router traces (docs/routeros.md lists the sources);
/// the others are the emulator's best guess, kept in one place so they are easy to correct.
/// </summary>
internal static class TrapMessages
{
    // Observed.
    public const string DuplicateSecret = "failure: secret with the same name already exists";
    public const string NoSuchItem = "no such item";
    public const string NoSuchCommand = "no such command";
    public const string NoSuchCommandPrefix = "no such command prefix";
    public const string LoginFailed = "invalid user name or password (6)";
    public const string LegacyLoginFailed = "cannot log in";
    public const string Interrupted = "interrupted";
    public const string SessionTerminated = "session terminated on request";
    public const string NotLoggedIn = "not logged in";
    public const int ArgumentCategory = 1;
    public const int InterruptedCategory = 2;

    public static string UnknownParameter(string name) => "unknown parameter " + name;

    /// <summary>An enum value outside its list, or a name no item has (<c>profile</c>, <c>interface</c>).</summary>
    public static string NoMatchingValue(string argument) => "input does not match any value of " + argument;

    public static string InvalidValue(string name) => "invalid value for argument " + name;

    // Guessed.
    public const string DuplicateProfile = "failure: profile with the same name already exists";
    public const string NameRequired = "failure: name must be set";
    public const string BuiltInProfile = "failure: can not remove default profile";
}
