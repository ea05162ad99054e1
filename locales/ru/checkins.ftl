## Отметки настроения

cmd-checkin = Как вы сегодня?
checkin-ask = Как вы сегодня? Выберите, что ближе:
checkin-mood-1 = 😞 Очень тяжело
checkin-mood-2 = 😟 Непросто
checkin-mood-3 = 😐 Так себе
checkin-mood-4 = 🙂 Неплохо
checkin-mood-5 = 😄 Хорошо
checkin-mood-chosen = Сегодня: { $mood }
checkin-note-ask = Хотите добавить пару слов? Напишите коротко (до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }) или нажмите /skip.
checkin-note-too-long = { $length ->
        [one] Получился { $length } символ
        [few] Получилось { $length } символа
       *[many] Получилось { $length } символов
    }, а помещается { $limit }. Сократите, пожалуйста, и пришлите ещё раз — или /skip.
checkin-note-text-only = Заметка — это текст. Напишите пару слов или нажмите /skip.
checkin-tags-ask = О чём это? Отметьте, если хотите, и нажмите «Сохранить».
checkin-tag-work = 💼 Поиск работы
checkin-tag-money = 💸 Деньги
checkin-tag-health = 🩺 Здоровье
checkin-tag-family = 🏠 Семья
checkin-tag-lonely = 🫂 Одиночество
checkin-tag-good_news = 🎉 Хорошая новость
checkin-save = ✅ Сохранить
checkin-saved = Сохранено. Спасибо, что поделились.
checkin-replace-ask = Сегодня вы уже отмечались: { $mood }. Заменить ту отметку?
checkin-replace-yes = Да, заменить
checkin-replace-no = Нет, оставить
checkin-kept = Хорошо, оставили как было.
checkin-stale = Эта кнопка уже не действует. Начните заново: /checkin
checkin-welcome-back = С возвращением! Хорошо, что вы снова здесь.
checkin-trend-up = Сегодня лучше, чем в среднем за неделю ({ $average }).
checkin-trend-down = Сегодня тяжелее, чем в среднем за неделю ({ $average }).
checkin-trend-same = Примерно как в среднем за неделю ({ $average }).
checkin-low-mood = Сочувствую, что сейчас так тяжело. Вы не одни. Если нужна помощь прямо сейчас — /sos: телефоны доверия, люди, готовые выслушать, и анонимная просьба к группе.

## Напоминания об отметке

cmd-checkins = Напоминания об отметке
checkin-reminder = Как вы сегодня? Отметьтесь — это полминуты.
checkin-reminder-button = Ответить
reminder-off = Напоминания выключены.
reminder-current = Напоминание: { $when } в { $time } ({ $zone }).
reminder-kind-daily = каждый день
reminder-kind-weekdays = по будням
reminder-kind-weekly = раз в неделю, { $day }
reminder-weekly-button = раз в неделю
reminder-turn-off = Выключить
reminder-ask = Когда спрашивать, как вы?
reminder-ask-day = В какой день недели?
reminder-ask-time = В какое время (по вашему часовому поясу, /timezone)?
reminder-other-time = ✍️ Другое время
reminder-type-time = Напишите время, например <code>20:30</code>. /cancel — отмена.
reminder-time-invalid = Не понял время. Напишите как <code>20:30</code> или <code>9:00</code>.
checkin-snooze-hour = ⏰ Через час
checkin-snooze-tomorrow = Завтра
checkin-snoozed-hour = Хорошо, спрошу через час.
checkin-snoozed-tomorrow = Хорошо, спрошу завтра.
reminder-pause-button = 🌴 Пауза
reminder-pause-ask = На сколько поставить напоминания на паузу?
reminder-pause-7 = на неделю
reminder-pause-14 = на 2 недели
reminder-pause-30 = на месяц
reminder-paused = Напоминания на паузе до { $date }
reminder-resume = ▶️ Снять паузу
reminder-resumed = Пауза снята, напоминания снова приходят.

## Пульс сообщества

cmd-pulse = Пульс сообщества (для модераторов)
pulse-title = 💓 <b>Пульс сообщества «{ $title }»</b> — анонимно, без имён и заметок.
pulse-window = <b>За последние { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }</b>: { $people ->
        [one] { $people } участник
        [few] { $people } участника
       *[many] { $people } участников
    }, { $answers ->
        [one] { $answers } отметка
        [few] { $answers } отметки
       *[many] { $answers } отметок
    }, среднее { $average }.
pulse-distribution = 😞 { $m1 } · 😟 { $m2 } · 😐 { $m3 } · 🙂 { $m4 } · 😄 { $m5 }
pulse-low-share = Тяжёлых дней: { $percent }%.
pulse-trend-up = Лучше, чем в предыдущий такой же срок ({ $previous }).
pulse-trend-down = Тяжелее, чем в предыдущий такой же срок ({ $previous }).
pulse-trend-same = Примерно как в предыдущий такой же срок ({ $previous }).
pulse-not-enough = <b>За последние { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }</b>: пока мало ответов. Покажу, когда отметятся хотя бы { $k ->
        [one] { $k } человек
        [few] { $k } человека
       *[many] { $k } человек
    }.
pulse-choose-community = Сначала выберите сообщество:

## История настроения

cmd-mood = Моё настроение за 30 дней
mood-title = <b>Ваше настроение за 30 дней</b> (по дням, «·» — без отметки)
mood-line = <code>{ $line }</code>
mood-week = { $first } – { $last }: среднее { $average } ({ $answers ->
        [one] { $answers } отметка
        [few] { $answers } отметки
       *[many] { $answers } отметок
    })
mood-tags = Чаще всего: { $tags }
mood-empty = Пока нет отметок. Начните с /checkin — это полминуты.

## Серии и следующий шаг после отметки

checkin-streak-day = { $count ->
        [one] Вы отмечаетесь { $count } день подряд.
        [few] Вы отмечаетесь { $count } дня подряд.
       *[many] Вы отмечаетесь { $count } дней подряд.
    }
checkin-streak-weekday = { $count ->
        [one] Вы отмечаетесь { $count } будний день подряд.
        [few] Вы отмечаетесь { $count } будних дня подряд.
       *[many] Вы отмечаетесь { $count } будних дней подряд.
    }
checkin-streak-week = { $count ->
        [one] Вы отмечаетесь { $count } неделю подряд.
        [few] Вы отмечаетесь { $count } недели подряд.
       *[many] Вы отмечаетесь { $count } недель подряд.
    }
checkin-longest-day = Самая длинная серия: { $count ->
        [one] { $count } день
        [few] { $count } дня
       *[many] { $count } дней
    }.
checkin-longest-weekday = Самая длинная серия: { $count ->
        [one] { $count } будний день
        [few] { $count } будних дня
       *[many] { $count } будних дней
    }.
checkin-longest-week = Самая длинная серия: { $count ->
        [one] { $count } неделя
        [few] { $count } недели
       *[many] { $count } недель
    }.
checkin-talk-button = 🫂 Поговорить с кем-нибудь
checkin-checkon-button = 🔔 Сообщить модераторам, если тяжёлые дни продолжатся
checkin-share-button = 📣 Поделиться хорошей новостью с группой
checkins-off-here = В вашем сообществе отметки не включены. Модераторы включают их в /settings; ваши личные отметки работают и так: /checkin
someone = участник
talk-listeners = Эти люди в <b>{ $title }</b> вызвались выслушать, когда кому-то тяжело:
talk-hint = Напишите любому из них — для начала хватит пары слов.
talk-none = В <b>{ $title }</b> пока никто не вызвался слушать (/listener). Можно написать в группу или модератору.
talk-no-community = Выберите сообщество ниже, и я покажу, кто там готов выслушать.
checkon-enabled = Готово. Если у вас будет 3 тяжёлых дня подряд, модераторы сообщества <b>{ $title }</b>, которые вызвались слушать, получат личное сообщение с вашим именем — чтобы кто-то мог узнать, как вы. Выключить можно в /checkins.
checkon-disabled = Выключено: никто в <b>{ $title }</b> не узнает о ваших отметках.
checkon-status-on = 🔔 Слушающие модераторы <b>{ $title }</b> узнают, если у вас будет 3 тяжёлых дня подряд.
checkon-status-off = 🔕 Никто в <b>{ $title }</b> не узнаёт о ваших отметках.
checkon-turn-on = 🔔 Сообщать модераторам после 3 тяжёлых дней
checkon-turn-off = 🔕 Никому не сообщать
checkon-write = ✉️ Написать: { $name }
checkon-notice =
    🫂 <b>{ $name }</b> (<b>{ $title }</b>): { $days ->
        [one] { $days } тяжёлый день
        [few] { $days } тяжёлых дня
       *[many] { $days } тяжёлых дней
    } подряд — и просьба узнать, как дела.
    Пара тёплых слов может очень помочь. Пожалуйста, пусть это останется между вами.

## Хорошие новости

goodnews-ask = Что вы хотите рассказать сообществу <b>{ $title }</b>? Напишите одним сообщением (до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }). Перед публикацией вы увидите, как это будет выглядеть. /cancel — отменить.
goodnews-text-only = Хорошая новость — это текст. Напишите её одним сообщением или /cancel.
goodnews-too-long = { $length ->
        [one] Получился { $length } символ
        [few] Получилось { $length } символа
       *[many] Получилось { $length } символов
    }, а помещается { $limit }. Сократите, пожалуйста, и пришлите ещё раз.
goodnews-preview = Вот что увидит группа:
goodnews-post-named = 📣 Опубликовать с моим именем
goodnews-post-anon = 🙈 Опубликовать без имени
goodnews-cancel = Не публиковать
goodnews-cancelled = Хорошо, ничего не опубликовано.
goodnews-posted = Опубликовано в <b>{ $title }</b>. Спасибо, что поделились хорошей новостью!
goodnews-post =
    🎉 <b>Хорошая новость</b> — делится { $name }
    { $text }
goodnews-post-anonymous =
    🎉 <b>Хорошая новость от участника сообщества</b>
    { $text }

## Отметки в сообществе

schedule-at = { $when } в { $time }
checkins-invite = 💬 <b>Включены ежедневные отметки.</b> Раз в день (или в неделю) я спрошу в личке, как вы, — это полминуты, в группе ничего не показывается. Сообщество видит только анонимный пульс, когда ответили хотя бы 3 человека.
checkins-invite-schedule = Предлагаем: { $when }, по вашему времени. Изменить или выключить можно когда угодно.
checkins-invite-button = ✅ Присоединиться к отметкам
checkins-joined = Добро пожаловать в отметки сообщества <b>{ $title }</b>!
reminder-suggested = <b>{ $title }</b> предлагает: { $when }.
reminder-use-suggested = ✅ Как предлагает сообщество

## Еженедельная сводка для модераторов

summary-title = 📋 <b>Неделя отметок в «{ $title }»</b>
summary-participation = За неделю { $people ->
        [one] отметился { $people } человек
        [few] отметились { $people } человека
       *[many] отметились { $people } человек
    } ({ $answers ->
        [one] { $answers } отметка
        [few] { $answers } отметки
       *[many] { $answers } отметок
    }).
summary-footer = Анонимно: без имён и заметок. Изменить или отключить — /settings → Отметки.
mood-chart-title = Настроение за 30 дней
checkon-nobody-yet = Пока ни один модератор там не вызвался слушать, так что сообщать пока некому. Ваше согласие сохранится до тех пор, когда кто-то вызовется; а «Поговорить с кем-нибудь» и /sos доступны всегда.
checkins-join-offer = В <b>{ $title }</b> идут отметки настроения. Присоединитесь — и ваши ответы войдут в пульс сообщества: анонимно, только когда ответили хотя бы 3 человека; заметки не показываются никому. А ещё вам будут доступны слушатели сообщества и уголок хороших новостей.
checkins-join-suggested = Предлагаемые напоминания: { $when } ({ $zone }).
checkins-join-with-schedule = ✅ Присоединиться, с этими напоминаниями
checkins-join-button = ✅ Присоединиться к отметкам сообщества
checkins-joined-pulse = Теперь ваши отметки анонимно входят в его пульс. Выйти можно в любой момент в /checkins.
checkins-already-joined = Вы уже участвуете в отметках <b>{ $title }</b>. Напоминания и выход — /checkins
checkins-not-joined = В <b>{ $title }</b> идут отметки; вы к ним не присоединились (ваши личные отметки работают и так).
checkins-leave-button = 🚪 Выйти из отметок { $title }
checkins-left = Вы вышли из отметок <b>{ $title }</b>: ваши ответы там больше не учитываются, и никому там ничего не сообщается. Ваши личные отметки и напоминания остаются.
goodnews-already = Сегодня вы уже поделились хорошей новостью с <b>{ $title }</b>. Завтра — с радостью!
goodnews-not-allowed = Сейчас я не могу опубликовать это в <b>{ $title }</b> от вас: у вас нет возможности писать в группе.
checkin-ask-button = 🙋 Попросить группу о помощи
