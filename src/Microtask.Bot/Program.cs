using Microtask.Bot.Hosting;

return await BotApp.RunAsync(args);
