namespace Microtask.Bot.Telegram.Routing;

/// <summary>Who may use a command. Declared with the command, checked by the router before any handler runs.</summary>
internal enum Access
{
    /// <summary>Anyone, even a user the bot has never seen: only /start makes a stranger a user.</summary>
    Stranger,

    /// <summary>A known user who has not agreed to the terms yet: help, language, the consent button.</summary>
    BeforeConsent,

    /// <summary>A user who agreed to the terms. The other roles' commands do not need the agreement: it is a worker's.</summary>
    Worker,

    Requester,

    Admin,

    Owner,
}
