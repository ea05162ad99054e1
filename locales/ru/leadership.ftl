## Миссия, правила, команда, журнал модерации

cmd-about = О сообществе и его миссии
cmd-rules = Правила сообщества
cmd-team = Кто ведёт сообщество
cmd-modlog = Журнал модерации
about-empty = У «{ $title }» пока нет описания миссии. Модераторы могут добавить его: <code>/setmission текст</code>.
about-text = 🌱 <b>{ $title }</b>
    { $mission }
rules-empty = В «{ $title }» правила пока не записаны. Модераторы могут добавить их: <code>/setrules текст</code> (по пункту на строку) или ответом на сообщение с правилами.
rules-text = 📜 <b>Правила «{ $title }»</b>
    { $rules }
mission-usage = Отправьте <code>/setmission</code> с текстом миссии — или ответьте этой командой на сообщение с ним.
mission-saved = 🌱 Миссия сохранена. Её покажет /about.
setrules-usage = Отправьте <code>/setrules</code> с правилами (по пункту на строку) — или ответьте этой командой на сообщение с ними.
setrules-saved = 📜 Правила сохранены. Их покажет /rules; пункты пронумерованы, чтобы на них можно было сослаться.
team-title = 🤝 <b>Команда «{ $title }»</b>
team-admins = Ведущие (администраторы): { $names }
team-moderators = Модераторы: { $names }
team-listeners = Готовы выслушать: { $names }
team-nobody = пока никого
team-hint = Если вам тяжело или что-то не так в группе — напишите любому из них. Стать тем, кто выслушивает: /listener
modlog-private-only = Журнал модерации открывается в личном чате со мной: /modlog
modlog-empty = В журнале «{ $title }» пока пусто.
modlog-title = 📒 <b>Журнал «{ $title }»</b> ({ $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[many] { $count } записей
    }, сначала новые):
modlog-bot = бот
welcome-text = 👋 Добро пожаловать в «{ $title }», { $names }! Здесь поддерживают друг друга — загляните в правила и расскажите немного о себе.
welcome-gate = Чтобы писать в группе, нажмите «Я принимаю правила» в течение { $minutes ->
        [one] { $minutes } минуты
       *[other] { $minutes } минут
    }.
welcome-rules = 📜 Правила и знакомство
welcome-accept = ✅ Я принимаю правила
welcome-accepted = Спасибо! Теперь вы можете писать в группе.
welcome-late = Время вышло. Выйдите и зайдите в группу снова — и нажмите кнопку вовремя.
welcome-not-yours = Эта кнопка — для тех, кто только что пришёл.
settings-section-order = 🛡 Порядок в группе
settings-md-title = 🛡 <b>Порядок в «{ $title }»</b>
settings-md-welcome-is-on = Приветствие новичков: <b>включено</b> (одно сообщение на всех, кто пришёл вместе; удаляется через { $minutes ->
        [one] { $minutes } минуту
        [few] { $minutes } минуты
       *[many] { $minutes } минут
    }).
settings-md-welcome-is-off = Приветствие новичков: <b>выключено</b>.
settings-md-welcome-on = Приветствовать новичков
settings-md-welcome-off = Не приветствовать новичков
settings-md-gate-is-on = Проверка новичков: <b>включена</b> — только чтение, пока не примут правила (на это есть { $minutes ->
        [one] { $minutes } минута
        [few] { $minutes } минуты
       *[many] { $minutes } минут
    }).
settings-md-gate-is-off = Проверка новичков: <b>выключена</b>.
settings-md-gate-on = Включить проверку новичков
settings-md-gate-off = Выключить проверку новичков
settings-md-fail-remove = Кто не принял правила вовремя — удаляется из группы.
settings-md-fail-keep = Кто не принял правила вовремя — остаётся только читателем.
settings-md-change-fail = Что делать с не принявшими правила
settings-md-limit = После { $limit } предупреждений: { $sanction }.
settings-md-change-limit = Изменить число предупреждений
settings-md-change-sanction = Изменить последствие
settings-md-change-welcome-minutes = Сколько висит приветствие
settings-md-change-gate-minutes = Сколько времени на проверку
settings-md-change-expiry = Сколько действует предупреждение
settings-md-expiry = Предупреждение действует { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }.
settings-md-log-none = Журнал в чат модераторов: <b>не ведётся</b> (только /modlog).
settings-md-log = Журнал и жалобы идут в чат <b>{ $title }</b>.
settings-md-log-pick = 📋 Выбрать чат для журнала
settings-md-log-off = Больше не писать журнал в чат
logchat-pick = Выберите группу или канал модераторов: туда я буду писать каждое действие модераторов и присылать жалобы. Я должен там уже быть (в канале — администратором), а вы — быть его администратором.
logchat-pick-group = 👥 Выбрать группу
logchat-pick-channel = 📣 Выбрать канал
logchat-pick-cancel = Отмена
logchat-cancelled = Хорошо, журнал остаётся как был.
logchat-ok = ✅ Готово: журнал и жалобы теперь идут в выбранный чат. Вернуться к настройкам: /settings
logchat-same = Журнал нельзя вести в самой группе сообщества — его увидят все. Выберите отдельный чат модераторов.
logchat-no_bot = Я не могу писать в этот чат. Добавьте меня туда (в канал — администратором с правом публикации) и выберите ещё раз: /settings
logchat-not_admin = Выбрать можно только чат, где вы администратор.
logchat-hello = 📋 Сюда будет идти журнал модерации «{ $title }».
logchat-entry = 🛡 «{ $title }» · { $line }
settings-md-sanction-mute_1h = запрет писать на час
settings-md-sanction-mute_1d = запрет писать на сутки
settings-md-sanction-mute_1w = запрет писать на неделю
settings-md-sanction-ban = исключение из группы
welcome-failed = Не получилось снять ограничение — напишите администраторам группы (/team).
settings-section-general = 🏠 Сообщество: миссия, правила, разделы
settings-gn-title = 🏠 <b>«{ $title }»: миссия, правила, разделы</b>
settings-gn-none = не написано
settings-gn-mission = Миссия (/about): { $text }
settings-gn-rules = Правила (/rules): { $text }
settings-gn-rules-count = { $count ->
        [one] { $count } пункт
        [few] { $count } пункта
       *[many] { $count } пунктов
    }
settings-gn-welcome = Слова в приветствии новичков: { $text }
settings-gn-edit-mission = ✏️ Миссия
settings-gn-edit-rules = ✏️ Правила
settings-gn-edit-welcome = ✏️ Слова в приветствии
settings-gn-ask-mission = Пришлите миссию сообщества — зачем оно и как здесь друг к другу относятся (до { $limit } знаков). Её покажет /about.
settings-gn-ask-rules = Пришлите правила, каждое с новой строки (до { $limit } знаков): я их пронумерую, чтобы модераторы могли ссылаться на номер.
settings-gn-ask-welcome = Пришлите несколько слов, которые я добавлю к приветствию новичков (до { $limit } знаков). Можно вставить {"{"}first{"}"} — имена новичков — и {"{"}chatname{"}"} — название группы.
settings-gn-clear = Очистить
settings-gn-saved-mission = ✅ Миссия сохранена. Посмотреть: /about
settings-gn-saved-rules = ✅ Правила сохранены. Посмотреть: /rules
settings-gn-saved-welcome = ✅ Слова для приветствия сохранены.
settings-gn-feature-on = { $name }: <b>включено</b>
settings-gn-feature-off = { $name }: <b>выключено</b>
settings-gn-turn-on = Включить: { $name }
settings-gn-turn-off = Выключить: { $name }
settings-gn-topic = { $name } публикуются в теме форума №{ $topic }.
settings-gn-topic-general = { $name } публикуются в общем чате.
settings-gn-topic-reset = { $name } — в общий чат
settings-gn-topic-hint = Чтобы раздел публиковался в теме форума, отправьте в этой теме <code>/settopic просьбы</code>, <code>/settopic вакансии</code> или <code>/settopic встречи</code>.
settings-gn-digest-on = Ежемесячное «спасибо» тем, кто помогал: <b>включено</b>.
settings-gn-digest-off = Ежемесячное «спасибо» тем, кто помогал: <b>выключено</b>.
settings-gn-digest-turn-on = Включить ежемесячное «спасибо»
settings-gn-digest-turn-off = Выключить ежемесячное «спасибо»
feature-name-requests = 🙋 Просьбы о помощи
feature-name-careers = 💼 Вакансии, резюме и наставники
feature-name-meetings = 📅 Встречи
feature-name-checkins = 💬 Отметки о самочувствии
feature-topic-requests = 🙋 Просьбы
feature-topic-jobs = 💼 Вакансии
feature-topic-events = 📅 Встречи
feature-off = В «{ $title }» раздел «{ $feature }» выключен модераторами.
feature-off-private = В «{ $title }» раздел «{ $feature }» выключен модераторами. Если вы состоите в других сообществах, выберите другое: /community
logchat-admins-only = Чат для журнала выбирают администраторы группы.
logchat-farewell = 📋 Журнал модерации «{ $title }» больше не будет приходить сюда.
