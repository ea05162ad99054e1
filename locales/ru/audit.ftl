# The audit log (/modlog and the log chat): nouns, so no line needs a name's case or gender.
modlog-line = { $when } · { $what } — { $who }
modlog-what-whom = { $what }: { $whom }
modlog-what-why = { $what } · { $why }
modlog-by-limit = по числу предупреждений
modlog-purged = { $count ->
    [one] удалено { $count } сообщение
    [few] удалено { $count } сообщения
   *[many] удалено { $count } сообщений
}
modlog-rule = правило { $number }

modlog-action-warn = Предупреждение
modlog-action-unwarn = Снятие предупреждения
modlog-action-mute = Запрет писать
modlog-action-unmute = Снятие запрета писать
modlog-action-ban = Исключение из группы
modlog-action-unban = Снятие исключения
modlog-action-kick = Удаление из группы (можно вернуться)
modlog-action-resetwarns = Сброс предупреждений
modlog-action-del = Удаление сообщения
modlog-action-mod = Назначение модератором
modlog-action-unmod = Снятие с модераторов
modlog-action-setting = Настройка
modlog-action-gate-removed = Удаление: правила не приняты вовремя
modlog-action-gate-kept = Только чтение: правила не приняты вовремя
modlog-action-gate-accepted-late = Правила приняты после срока
modlog-action-join-approved = Заявка на вступление принята
modlog-action-join-declined = Заявка на вступление отклонена
modlog-action-join-expired = Заявка на вступление отклонена: не подтверждена вовремя
modlog-action-purge = Очистка чата
modlog-action-pin = Закрепление сообщения
modlog-action-pin-loud = Закрепление сообщения с уведомлением всех
modlog-action-unpin = Открепление сообщения
modlog-action-id = Просмотр id
modlog-action-info = Просмотр сведений об участнике
modlog-action-flood-mute = Запрет писать за флуд
modlog-action-report-done = Жалоба рассмотрена
modlog-action-report-dismissed = Жалоба отклонена
modlog-action-appeal = Обжалование решения модератора
modlog-action-appeal-lifted = Обжалование удовлетворено
modlog-action-appeal-kept = Обжалование отклонено
modlog-action-appeal-over = Обжалование закрыто: решение уже не действовало

# A settings change: "Миссия (/about): «Мы помогаем»".
setting-change = { $name } → { $value }
setting-value-default = по умолчанию
setting-value-on = включено
setting-value-off = выключено
setting-value-chosen = выбрано
setting-value-text = «{ $text }»

setting-language = Язык сообщества
setting-timezone = Часовой пояс сообщества
setting-checkins-enabled = Отметки о самочувствии
setting-checkins-default-kind = Напоминания об отметке по умолчанию
setting-checkins-default-weekday = День напоминания об отметке
setting-checkins-default-time = Время напоминания об отметке
setting-checkins-crisis-text = Куда обратиться в трудную минуту
setting-checkins-summary-weekday = День недельного пульса
setting-checkins-summary-time = Время недельного пульса
setting-requests-premoderation = Проверка просьб модераторами
setting-requests-max-open = Открытых просьб у одного человека, не больше
setting-requests-helpers-told = Скольким помощникам сообщать о просьбе
setting-requests-bump-hours = Напоминание о просьбе без ответа, через часов
setting-requests-digest = Ежемесячное «спасибо» тем, кто помогал
setting-requests-category-names = Названия категорий просьб
setting-topic-requests = Тема форума для просьб
setting-topic-jobs = Тема форума для вакансий
setting-topic-events = Тема форума для встреч
setting-vacancies-per-day = Вакансий от одного человека в день
setting-vacancies-premoderation = Проверка вакансий модераторами
setting-community-mission = Миссия (/about)
setting-community-rules = Правила (/rules)
setting-welcome-on = Приветствие новичков
setting-welcome-minutes = Сколько минут висит приветствие
setting-welcome-gate = Проверка новичков (принять правила)
setting-welcome-gate-minutes = Минут на то, чтобы принять правила
setting-welcome-gate-fail = Если правила не приняты
setting-welcome-text = Слова в приветствии
setting-welcome-join-question = Вопрос к заявке на вступление
setting-features-requests = Раздел «Просьбы о помощи»
setting-features-careers = Раздел «Вакансии, резюме и наставники»
setting-features-meetings = Раздел «Встречи»
setting-moderation-warn-limit = Предупреждений до санкции
setting-moderation-warn-sanction = Санкция за предупреждения
setting-moderation-warn-expire-days = Дней действует предупреждение
setting-moderation-log-chat = Чат журнала модерации
setting-meetings-who = Кто назначает встречи
setting-meetings-names = Имена идущих в анонсе встречи
setting-meetings-pin = Закреплять анонс встречи
setting-meetings-reminders = Напоминания о встречах

setting-moderation-flood = Антифлуд
setting-moderation-flood-mute = Запрет писать за флуд

setting-choice-off = выключено
setting-choice-daily = каждый день
setting-choice-weekdays = по будням
setting-choice-weekly = раз в неделю
setting-choice-remove = удалять из группы
setting-choice-keep = оставлять только для чтения
setting-choice-mute-1h = запрет писать на час
setting-choice-mute-1d = запрет писать на сутки
setting-choice-mute-1w = запрет писать на неделю
setting-choice-ban = исключение из группы
setting-choice-moderators = только модераторы
setting-choice-members = все участники
setting-choice-5-5 = 5 сообщений за 5 секунд
setting-choice-10-10 = 10 сообщений за 10 секунд
setting-choice-mute-10m = запрет писать на 10 минут
