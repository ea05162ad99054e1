## Встречи (/meet, /meetings)

cmd-meet = Назначить встречу
cmd-meetings = Ближайшие встречи
meet-open-private = 📅 Встречу удобнее назначить в личном чате со мной — нажмите кнопку.
meet-not-allowed = Назначать встречи в этом сообществе могут модераторы (и участники, если модераторы разрешили это в /settings).
meet-intro = 📅 <b>Новая встреча</b>. Несколько вопросов; /skip пропускает необязательные, /cancel — отменить.
meet-form-resumed = ↩️ Продолжим с того места, где остановились: всё, что вы ввели, сохранено. Начать заново: /cancel, затем /meet.
meet-ask-title = Как называется встреча? (например, «Разбор резюме» или «Круг поддержки»)
meet-ask-kind = Какой это формат?
meet-ask-when = Когда? Напишите, например: «завтра в 19:00», «пятница 18:30», «25.12 19:00» — или выберите день. Время — по часовому поясу сообщества ({ $zone }).
meet-ask-time = { $day }: во сколько? Напишите время («19:00», «7 вечера») или выберите:
meet-ask-duration = Сколько продлится встреча? Выберите или напишите число минут.
meet-ask-place = Где? Адрес — или ссылка на онлайн-встречу (https://…).
meet-ask-description = Пара слов о встрече: о чём, для кого, что взять с собой. Можно пропустить.
meet-ask-capacity = Сколько мест? Напишите число — или пропустите, если без ограничений.
meet-ask-recurrence = Повторять встречу?
meet-ask-rrule = Напишите правило RRULE (RFC 5545), например <code>FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10</code>. Правило должно заканчиваться (COUNT или UNTIL) и повторяться не чаще раза в день.
meet-ask-move = На когда перенести? Например: «четверг 19:00» или «25.12 18:30».
meet-bad-title = В названии нужны слова, не только значки.
meet-bad-when = Не понял дату. Попробуйте так: «завтра в 19:00», «пятница 18:30», «25.12 19:00».
meet-no-such-day = { $day } { $month } не бывает — в этом месяце меньше дней. Попробуйте другую дату, например «28.02 19:00».
meet-bad-time = Не понял время. Напишите, например, «19:00» или «7 вечера».
meet-bad-duration = Нужно число минут от 10 до { $most }.
meet-bad-link = Ссылка должна начинаться с http:// или https://.
meet-bad-capacity = Нужно число мест от 1 до { $most }.
meet-past = Это время уже прошло (или наступит меньше чем через 5 минут). Выберите время позже.
meet-past-days = Это было { $count ->
        [one] { $count } день
        [few] { $count } дня
       *[many] { $count } дней
    } назад. Выберите дату впереди — например, «пятница 19:00» или «25.12 18:30».
meet-rrule-invalid = Не удалось разобрать правило. Пример: <code>FREQ=WEEKLY;BYDAY=TU;COUNT=8</code>.
meet-rrule-never_ends = У правила нет конца: добавьте COUNT (число встреч) или UNTIL (дату). Для бессрочных встреч выберите «каждую неделю» или «каждый месяц».
meet-rrule-too_often = Встречи не могут идти чаще раза в день.
meet-rrule-too_long = Слишком длинная серия: не больше 200 встреч и не дальше трёх лет.
meet-rrule-no_dates = По этому правилу не выходит ни одной встречи.
meet-rrule-button = ⚙️ Своё правило (RRULE)
meet-once = Один раз
meet-every-weekly = каждую неделю, { $day ->
        [1] по вторникам
        [2] по средам
        [3] по четвергам
        [4] по пятницам
        [5] по субботам
        [6] по воскресеньям
       *[0] по понедельникам
    }
meet-every-biweekly = раз в две недели, { $day ->
        [1] по вторникам
        [2] по средам
        [3] по четвергам
        [4] по пятницам
        [5] по субботам
        [6] по воскресеньям
       *[0] по понедельникам
    }
meet-every-month = каждый месяц, { $n ->
        [-1] { $day ->
            *[0] в последний понедельник
            [1] в последний вторник
            [2] в последнюю среду
            [3] в последний четверг
            [4] в последнюю пятницу
            [5] в последнюю субботу
            [6] в последнее воскресенье
        }
        [1] { $day ->
            *[0] в первый понедельник
            [1] в первый вторник
            [2] в первую среду
            [3] в первый четверг
            [4] в первую пятницу
            [5] в первую субботу
            [6] в первое воскресенье
        }
        [2] { $day ->
            *[0] во второй понедельник
            [1] во второй вторник
            [2] во вторую среду
            [3] во второй четверг
            [4] во вторую пятницу
            [5] во вторую субботу
            [6] во второе воскресенье
        }
        [3] { $day ->
            *[0] в третий понедельник
            [1] в третий вторник
            [2] в третью среду
            [3] в третий четверг
            [4] в третью пятницу
            [5] в третью субботу
            [6] в третье воскресенье
        }
        *[4] { $day ->
            *[0] в четвёртый понедельник
            [1] в четвёртый вторник
            [2] в четвёртую среду
            [3] в четвёртый четверг
            [4] в четвёртую пятницу
            [5] в четвёртую субботу
            [6] в четвёртое воскресенье
        }
    }
meet-every-rule = по правилу <code>{ $rule }</code>
meet-kind-meetup = Встреча
meet-kind-workshop = Мастер-класс
meet-kind-mentoring = Менторская сессия
meet-kind-circle = Круг поддержки
meet-kind-other = Другое
meet-field-title = Название
meet-field-kind = Формат
meet-field-when = Дата и время
meet-field-duration = Длительность
meet-field-place = Место или ссылка
meet-field-description = Описание
meet-field-capacity = Число мест
meet-field-recurrence = Повтор
meet-duration = { $minutes ->
        [30] 30 мин
        [60] 1 ч
        [90] 1,5 ч
        [120] 2 ч
        [180] 3 ч
       *[other] { $minutes } мин
    }
meet-when = { $day }, { $time } { $zone }
meet-options = ⚙️ Гости: { $guests ->
        [0] без «+1»
       *[other] до +{ $guests }
    } · Запись: { $cutoff ->
        [0] до начала
        [120] закрывается за 2 часа
       *[other] закрывается за сутки
    } · Напоминания: { $reminders } · Отзывы: { $feedback ->
        [0] не спрашивать
       *[other] спросить после встречи
    }
meet-option-lead-is = Следующая встреча серии анонсируется за { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
meet-option-lead = 📣 Анонс серии
meet-option-feedback = 💬 Отзывы
meet-option-guests = 👥 Гости
meet-option-cutoff = ⏳ Запись
meet-option-reminders = ⏰ Напоминания
meet-no-reminders = без напоминаний
meet-publish = ✅ Опубликовать
meet-published = 📅 Встреча опубликована в группе. Ваши встречи: /meetings
meet-cancelled-form = Хорошо, встречу не назначаем.
meet-card-title = 📅 <b>{ $title }</b> · { $kind }
meet-card-place = 📍 { $place }
meet-card-online = 💻 Онлайн: <a href="{ $link }">{ $link }</a>
meet-card-host = 👤 Ведущий: { $name }
meet-card-counts = 👥 Идут: { $going } · Может быть: { $maybe }
meet-card-seats = мест занято { $taken } из { $capacity }
meet-card-waitlist = в листе ожидания: { $count }
meet-card-more = и ещё { $count }
meet-moved = ↪️ Встреча перенесена.
meet-cancelled-mark = ❌ <b>Отменена</b>
meet-going = ✅ Иду
meet-maybe = 🤔 Может быть
meet-no = ❌ Не смогу
meet-plus-one = ➕ Гость (+1)
meet-calendar = 📆 В календарь (.ics)
meet-you-going = ✅ Вы идёте. Подробности и напоминание — в личном чате со мной.
meet-you-maybe = 🤔 Отметил: может быть.
meet-you-no = Отметил: не сможете. Спасибо, что предупредили.
meet-you-waitlist = ⏳ Мест нет — вы в листе ожидания. Если место освободится, я напишу.
meet-guests-now = { $count ->
        [0] Без гостей.
       *[other] С вами гостей: { $count }.
    }
meet-no-seats-for-guest = Для гостя не хватает мест.
meet-guest-going-first = Сначала нажмите «Иду».
meet-gone = Эта встреча отменена или уже недоступна.
meet-closed = Запись на эту встречу закрыта.
meet-not-member = Отвечать могут только участники сообщества.
meet-not-host = Это может сделать только ведущий или модератор.
meet-confirm-going = ✅ Вы идёте на «{ $title }».
meet-confirm-maybe = 🤔 Вы отметили «может быть» для «{ $title }».
meet-confirm-waitlist = ⏳ Вы в листе ожидания на «{ $title }». Если место освободится, я сразу напишу.
meet-remind-me = ⏰ Напомнить за { $minutes ->
        [15] 15 минут
       *[other] 2 часа
    }
meet-remind-set = ⏰ Напомню за { $minutes ->
        [15] 15 минут
       *[other] 2 часа
    } до начала.
meet-remind-too-late = До начала уже меньше, чем { $minutes ->
        [15] 15 минут
       *[other] 2 часа
    }, — такое напоминание не успеет. Встреча скоро: /meetings покажет её.
meet-promoted = 🎉 Освободилось место: вы идёте на «{ $title }» — { $when }.
meet-ics-caption = 📆 Откройте файл, чтобы добавить встречу в календарь.
meet-late = (с опозданием)
meet-before-days = { $count ->
        [one] за { $count } день
        [few] за { $count } дня
       *[many] за { $count } дней
    }
meet-before-hours = { $count ->
        [one] за { $count } час
        [few] за { $count } часа
       *[many] за { $count } часов
    }
meet-before-minutes = { $count ->
        [one] за { $count } минуту
        [few] за { $count } минуты
       *[many] за { $count } минут
    }
meet-in-days = { $count ->
        [one] через { $count } день
        [few] через { $count } дня
       *[many] через { $count } дней
    }
meet-in-hours = { $count ->
        [one] через { $count } час
        [few] через { $count } часа
       *[many] через { $count } часов
    }
meet-in-minutes = { $count ->
        [one] через { $count } минуту
        [few] через { $count } минуты
       *[many] через { $count } минут
    }
meet-reminder-group = ⏰ «{ $title }» — { $left }: { $when }. Идут: { $going }.
meet-reminder-private = ⏰ Напоминаю: «{ $title }» — { $left }.
    { $when }
meet-brief = 📋 Завтра ваша встреча «{ $title }».
    { $when }
    Идут: { $going } · может быть: { $maybe } · в листе ожидания: { $waiting }
meet-starting = 🟢 «{ $title }» начинается!
meet-join = Подключиться
meet-after-host = Встреча «{ $title }» закончилась. Отметьте, кто пришёл, — это попадёт в статистику сообщества.
meet-mark = ✅ Отметить присутствие
meet-attendance = Кто пришёл на «{ $title }»? Нажмите на имя, чтобы отметить. ({ $count ->
        [one] { $count } человек записан
        [few] { $count } человека записано
       *[many] { $count } человек записано
    })
meet-feedback-ask = Как прошла встреча «{ $title }»? Оцените от 1 до 5:
meet-feedback-thanks = Спасибо за оценку: { $score } из 5! Если хотите, напишите пару слов — ведущий их увидит. Или просто продолжайте пользоваться ботом.
meet-note-for-host = 💬 Отзыв о встрече «{ $title }» ({ $score } из 5), без подписи:
    <blockquote>{ $note }</blockquote>
meet-note-thanks = Спасибо! Передам ведущему.
meet-change-cancelled = ❌ Встреча «{ $title }» отменена.
    🕖 <s>{ $when }</s>
meet-change-series-cancelled = ❌ Серия встреч «{ $title }» отменена: больше встреч не будет.
meet-change-moved = ↪️ Встреча «{ $title }» перенесена.
    🕖 Теперь: <b>{ $when }</b>
    Было: <s>{ $was }</s>
meet-change-reason = 💬 Причина: { $reason }
meet-ics-updated = 📆 Откройте файл — встреча обновится в календаре.
meet-ics-removed = 📆 Откройте файл — встреча уйдёт из календаря.
meet-moved-done = Перенесено: { $when }. Все, кто ответил, получат сообщение.
meet-cancel-done = Отменено. Все, кто ответил, получат сообщение.
meet-confirm-cancel1 = ❌ Отменить встречу «{ $title }»?
    🕖 { $when }
meet-confirm-cancelall = ❌ Отменить всю серию «{ $title }»? Больше встреч не будет.
    🕖 Ближайшая: { $when }
meet-confirm-move1 = ↪️ Перенести встречу «{ $title }»?
    Было: { $was }
    Станет: <b>{ $when }</b>
meet-confirm-moveall = ↪️ Перенести серию «{ $title }»? С этой встречи все следующие пойдут в новые день и время.
    Было: { $was }
    Станет: <b>{ $when }</b>
meet-confirm-told = { $count ->
        [0] Пока никто не ответил — сообщать некому, анонс в группе обновится.
        [one] Сообщение получит { $count } человек из ответивших; анонс в группе обновится.
        [few] Сообщение получат { $count } человека из ответивших; анонс в группе обновится.
       *[many] Сообщение получат { $count } человек из ответивших; анонс в группе обновится.
    }
meet-confirm-reason-hint = Если хотите, напишите причину одним сообщением — её увидят все, кому придёт сообщение. Или просто нажмите кнопку.
meet-confirm-reason-again = Другая причина — просто отправьте её.
meet-confirm-cancel-yes = ❌ Да, отменить
meet-confirm-move-yes = ↪️ Да, перенести
meet-confirm-keep = ↩️ Не отменять
meet-confirm-keep-move = ↩️ Оставить как было
meet-confirm-other-date = 📅 Другая дата
meet-kept = Хорошо, ничего не меняю.
meet-edit = ✏️ Изменить
meet-edited = Сохранено. Анонс обновится в группе.
meet-seats-below = Уже идут { $going ->
        [one] { $going } человек
        [few] { $going } человека
       *[many] { $going } человек
    } — мест не может быть меньше. Напишите число не меньше { $going } или /skip, чтобы снять ограничение.
meet-move-one = ↪️ Перенести
meet-cancel-one = ❌ Отменить
meet-move-all = ↪️ Перенести серию
meet-cancel-all = ❌ Отменить серию
meet-list-empty = Ближайших встреч в ваших сообществах нет. Назначить: /meet
meet-list-title = 📅 Ближайшие встречи ({ $count }):
meet-mark-going = ✅{ " " }
meet-mark-maybe = 🤔{ " " }
meet-mark-no = ❌{ " " }
meet-mark-waitlist = ⏳{ " " }
meet-your-answer-going = Вы идёте ✅
meet-your-answer-maybe = Вы ответили «может быть» 🤔
meet-your-answer-no = Вы не сможете ❌
meet-your-answer-waitlist = Вы в листе ожидания ⏳
topic-events-set = 📅 Встречи будут публиковаться в этой теме.
topic-events-off = 📅 Встречи снова публикуются в общем чате.
settings-section-meetings = 📅 Встречи
settings-mt-title = 📅 <b>Встречи в «{ $title }»</b>
settings-mt-who-moderators = Назначать встречи: <b>только модераторы</b>.
settings-mt-who-members = Назначать встречи: <b>все участники</b>.
settings-mt-who-turn-on = Разрешить участникам назначать встречи
settings-mt-who-turn-off = Только модераторы назначают встречи
settings-mt-names-on = В анонсе: <b>имена</b> тех, кто идёт.
settings-mt-names-off = В анонсе: <b>только число</b> тех, кто идёт.
settings-mt-names-turn-on = Показывать имена идущих
settings-mt-names-turn-off = Показывать только число
settings-mt-pin-on = Новый анонс <b>закрепляется</b>.
settings-mt-pin-off = Анонсы <b>не закрепляются</b>.
settings-mt-pin-turn-on = Закреплять анонсы
settings-mt-pin-turn-off = Не закреплять анонсы
meet-stats-button = 📊 Посещаемость за 30 дней
meet-stats-title = 📊 <b>Встречи в «{ $title }» за { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }</b>
meet-stats-held = { $held ->
        [one] Прошла { $held } встреча
        [few] Прошло { $held } встречи
       *[many] Прошло { $held } встреч
    } · отмечено присутствий: { $came }
meet-stats-score = Средняя оценка участников: { $score } из 5
meet-stats-top = Чаще всех приходили:
meet-stats-person = { $number }. { $name } — { $count ->
        [one] { $count } встреча
        [few] { $count } встречи
       *[many] { $count } встреч
    }
settings-mt-reminders = Напоминания новой встречи по умолчанию: { $reminders }.
settings-mt-reminders-change = ⏰ Изменить напоминания по умолчанию
meet-rule-each-day = каждый день
meet-rule-each-week = каждую неделю
meet-rule-each-month = каждый месяц
meet-rule-each-year = каждый год
meet-rule-days = { $n ->
        [one] каждый { $n } день
        [few] каждые { $n } дня
       *[many] каждые { $n } дней
    }
meet-rule-weeks = { $n ->
        [one] каждую { $n } неделю
        [few] каждые { $n } недели
       *[many] каждые { $n } недель
    }
meet-rule-months = { $n ->
        [one] каждый { $n } месяц
        [few] каждые { $n } месяца
       *[many] каждые { $n } месяцев
    }
meet-rule-years = { $n ->
        [one] каждый { $n } год
        [few] каждые { $n } года
       *[many] каждые { $n } лет
    }
meet-rule-custom = { $every }, по особому расписанию
meet-rule-with-count = { $rule }, { $count ->
        [one] { $count } раз
        [few] { $count } раза
       *[many] { $count } раз
    }
meet-rule-with-until = { $rule } до { $date }
meet-rule-weekday = { $day ->
        *[0] понедельникам
        [1] вторникам
        [2] средам
        [3] четвергам
        [4] пятницам
        [5] субботам
        [6] воскресеньям
    }
meet-rule-weekly = по { $days }
meet-rule-every-on-days = { $every } по { $days }
meet-rule-every-on = { $every }, { $on }
meet-rule-nth = { $n ->
        [1] в { $day ->
            [2] первую
            [4] первую
            [5] первую
            [6] первое
           *[other] первый
        }
        [2] во { $day ->
            [2] вторую
            [4] вторую
            [5] вторую
            [6] второе
           *[other] второй
        }
        [3] в { $day ->
            [2] третью
            [4] третью
            [5] третью
            [6] третье
           *[other] третий
        }
        [4] в { $day ->
            [2] четвёртую
            [4] четвёртую
            [5] четвёртую
            [6] четвёртое
           *[other] четвёртый
        }
        [5] в { $day ->
            [2] пятую
            [4] пятую
            [5] пятую
            [6] пятое
           *[other] пятый
        }
        [-2] в { $day ->
            [2] предпоследнюю
            [4] предпоследнюю
            [5] предпоследнюю
            [6] предпоследнее
           *[other] предпоследний
        }
       *[-1] в { $day ->
            [2] последнюю
            [4] последнюю
            [5] последнюю
            [6] последнее
           *[other] последний
        }
    } { $day ->
        *[0] понедельник
        [1] вторник
        [2] среду
        [3] четверг
        [4] пятницу
        [5] субботу
        [6] воскресенье
    }
meet-rule-last-day = в последний день месяца
meet-rule-monthday = { $n }-го
meet-rule-monthdays = { $days } числа
meet-rule-and = { $first } и { $last }
meet-reminders-choose = ⏰ Когда напоминать (в группе и тем, кто ответил)? Сейчас: { $reminders }.
meet-reminders-back = ↩️ Назад
meet-reminders-saved = Сохранено: напоминания придут по-новому.
meet-reminders-are = ⏰ Напоминания: { $reminders }
