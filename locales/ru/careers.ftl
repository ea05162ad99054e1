## Подписки на вакансии (/subscribe, /subscriptions)

cmd-subscriptions = Подписки на вакансии
jobs-subscribe = 🔔 Подписаться на этот поиск
subs-usage = Отправьте <code>/subscribe python удалённо</code>: когда в ваших сообществах появится вакансия с этими словами, я напишу вам. С фильтрами (удалённо, уровень, зарплата): найдите через /jobs и нажмите «Подписаться на этот поиск». Ваши подписки: /subscriptions
subs-done = 🔔 Подписка сохранена: { $search }. Когда появится подходящая вакансия, я напишу — об одной вакансии один раз. Изменить или удалить: /subscriptions
subs-already = Такая подписка у вас уже есть: /subscriptions
subs-too-many = У вас уже { $count ->
        [one] { $count } подписка
        [few] { $count } подписки
       *[many] { $count } подписок
    } — это максимум. Удалите одну в /subscriptions.
subs-any-words = любые слова
subs-alert = 🔔 Новая вакансия по вашей подписке (изменить — /subscriptions):
subs-digest = 🌅 Новые вакансии по вашим подпискам: { $count }. Откройте, чтобы прочитать:
subs-digest-more = …и ещё { $count } — /jobs найдёт их все.
subs-list-title = 🔔 Ваши подписки ({ $count } из { $limit }):
subs-list-empty = Подписок пока нет. Отправьте <code>/subscribe python</code> или найдите вакансии через /jobs и нажмите «Подписаться на этот поиск».
subs-list-hint = «Сразу» — сообщение о каждой новой вакансии. «Раз в день» — одно сообщение утром.
subs-instant = ⚡ сразу
subs-daily = 🌅 раз в день
subs-to-instant = ⚡ Сразу
subs-to-daily = 🌅 Раз в день
subs-delete = 🗑 Удалить
subs-deleted = Удалено.
