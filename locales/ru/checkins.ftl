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
checkin-streak = { $days ->
        [one] Вы отмечаетесь { $days } день подряд.
        [few] Вы отмечаетесь { $days } дня подряд.
       *[many] Вы отмечаетесь { $days } дней подряд.
    }
checkin-welcome-back = С возвращением! Хорошо, что вы снова здесь.
checkin-trend-up = Сегодня лучше, чем в среднем за неделю ({ $average }).
checkin-trend-down = Сегодня тяжелее, чем в среднем за неделю ({ $average }).
checkin-trend-same = Примерно как в среднем за неделю ({ $average }).
checkin-low-mood = Сочувствую, что сейчас так. Вы не одни — сообщество рядом. Если нужна помощь прямо сейчас, вот куда можно обратиться.
checkin-crisis-button = 📞 Куда обратиться
checkin-crisis-lines =
    <b>Если нужна помощь прямо сейчас</b>
    • Экстренные службы: <b>112</b>
    • Экстренная психологическая помощь МЧС России: <b>+7 495 989-50-50</b>
    • Детский телефон доверия (бесплатно): <b>8-800-2000-122</b>
    • Московская служба психологической помощи: <b>051</b> (с мобильного <b>8-495-051</b>)
    Если вам угрожает опасность — звоните 112.

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
pulse-choose-community = Сначала выберите сообщество: /community

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
