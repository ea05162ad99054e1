## Просьбы о помощи

cmd-ask = Попросить сообщество о помощи
cmd-requests = Открытые просьбы о помощи
cmd-myrequests = Мои просьбы
cmd-offer = Чем я могу помочь
help-cat-career = 📄 Карьера и резюме
help-cat-jobs = 💼 Работа и рекомендации
help-cat-legal = ⚖️ Юридическое
help-cat-money = 💸 Деньги
help-cat-housing = 🏠 Жильё
help-cat-health = 💚 Здоровье и поддержка
help-cat-skills = 📚 Навыки и учёба
help-cat-other = ✳️ Другое
help-tag-career = #карьера
help-tag-jobs = #работа
help-tag-legal = #юрпомощь
help-tag-money = #деньги
help-tag-housing = #жильё
help-tag-health = #поддержка
help-tag-skills = #учёба
help-tag-other = #другое
help-urgency-today = 🔥 сегодня
help-urgency-week = 📅 на этой неделе
help-urgency-whenever = 🕊 не срочно
help-visibility-public = 👤 Открыто — с моим именем
help-visibility-anonymous = 🙈 Анонимно — в группе, без имени
help-visibility-helpers = 🔒 Только помощникам — не в группе
help-visibility-public-note = Просьба появится в группе с вашим именем.
help-visibility-anonymous-note = Просьба появится в группе без единого следа вас. Помощники общаются с вами через меня, пока вы сами не решите назваться.
help-visibility-helpers-note = В группе её не будет: её увидят только те, кто предлагает такую помощь.
help-ask-private = Давайте напишем это в личке — чтобы ничего личного не пришлось писать в группе:
help-choose-community = Сначала выберите сообщество:
help-not-member = Просить и предлагать помощь могут только участники сообщества.
help-ask-category = С чем нужна помощь?
help-chosen = ✓ { $value }
help-ask-title = Одной строкой: что нужно? (до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }; /cancel — отменить)
help-ask-details = Подробности: что случилось, что поможет, есть ли срок (до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }). Или /skip.
help-ask-urgency = Насколько срочно?
help-ask-visibility = Кто это увидит?
help-text-only = Напишите, пожалуйста, текстом.
help-too-long = { $length ->
        [one] Получился { $length } символ
        [few] Получилось { $length } символа
       *[many] Получилось { $length } символов
    }, а помещается { $limit }. Сократите, пожалуйста, и пришлите ещё раз.
help-preview = <b>Предпросмотр</b> — вот как это будет выглядеть:
help-post = ✅ Опубликовать
help-edit-title = ✏️ Заголовок
help-edit-details = ✏️ Подробности
help-edit-category = 🏷 Тема
help-edit-visibility = 👁 Кто видит
help-edit-urgency = ⏱ Срочность
help-cancel = ✖️ Отменить
help-cancelled = Отменено, ничего не опубликовано.
vac-form-resumed = ↩️ Продолжим с того места, где остановились: всё, что вы ввели, сохранено. Начать заново: /cancel, затем /vacancy.
help-form-resumed = ↩️ Продолжим с того места, где остановились: всё, что вы ввели, сохранено. Начать заново: /cancel, затем /ask.
help-too-many = У вас уже столько открытых просьб, сколько позволяет сообщество. Сначала закройте одну в /myrequests.
help-sent-for-review = Отправлено модераторам: я напишу, когда они посмотрят.
help-posted = Опубликовано. Сразу сообщу, как только кто-то предложит помощь. Ваши просьбы: /myrequests
help-posted-helpers = Отправлено тем, кто предлагает такую помощь. Сразу сообщу, как только кто-то откликнется. Ваши просьбы: /myrequests
help-card-head = { $category } · { $urgency }
help-card-title = <b>{ $title }</b>
help-card-author = Просит: { $name }
help-status-review = ⏳ Ждёт модератора
help-status-open = 🟢 Открыта
help-status-in_progress = 🤝 Уже помогают
help-status-resolved = ✅ Решена
help-status-closed = ⚪️ Закрыта
help-status-expired = ⌛️ Истекла
help-status-rejected = ⛔️ Не опубликована
help-status-deleted = 🗑 Удалена
help-status-short-review = ⏳
help-status-short-open = 🟢
help-status-short-in_progress = 🤝
help-status-short-resolved = ✅
help-status-short-closed = ⚪️
help-status-short-expired = ⌛️
help-status-short-rejected = ⛔️
help-offers-count = { $count ->
        [one] Помощь предложил { $count } человек
        [few] Помощь предложили { $count } человека
       *[many] Помощь предложили { $count } человек
    }
help-can-help = 🙋 Могу помочь
help-share = ↗️ Поделиться
help-post-deleted = 🗑 Эта просьба удалена.
help-review = 📝 Новая просьба в <b>{ $title }</b> ждёт вашего одобрения:
help-approve = ✅ Одобрить
help-reject = ⛔️ Отклонить
help-ask-reason = Почему не публикуем? Одна строка для автора (до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }).
help-rejected-done = Отклонено; автору объяснили почему.
help-approved-done = Одобрено и опубликовано.
help-approved = Ваша просьба «{ $title }» одобрена и опубликована.
help-rejected = Ваша просьба «{ $title }» не опубликована. Модераторы пишут: { $reason }
help-matched = 🙋 Просьба, с которой вы, возможно, можете помочь:
help-ask-note = Чем вы можете помочь? Одна строка для автора (до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }); /cancel — отменить.
help-offer-sent = Спасибо! Я передал; автор выберет, и я вам сообщу.
help-offer-received =
    🙋 <b>{ $name }</b> предлагает помощь с «{ $title }»:
    { $note }
    { $helped ->
        [0] {""}
        [one] (на счету уже помощь { $helped } человеку)
       *[other] (на счету уже помощь { $helped } людям)
    }
help-accept = ✅ Принять
help-decline = Отказаться
help-accept-done = ✅ Принято.
help-decline-done = Отказано; я вежливо поблагодарил.
help-declined-helper = Спасибо, что предложили помощь с «{ $title }». В этот раз автор выбрал другой путь — ваша доброта всё равно важна.
help-accepted-helper = 🤝 Вы помогаете с «{ $title }». Автор: { $name }. Напишите автору, чтобы договориться.
help-accepted-author = 🤝 Вам поможет { $name }. Напишите — или вам напишут.
help-relay-start-helper = 🤝 Вы помогаете с «{ $title }». Автор остаётся анонимным: пишите сюда или присылайте фото, файлы, голосовые — я передам. Ответы тоже придут сюда.
help-relay-start-author = 🤝 Вам поможет { $name }. Вас не видно: пишите сюда или присылайте фото, сканы, файлы, голосовые — я передам без вашего имени. Назваться можно в любой момент, я сначала переспрошу.
help-relay-from-author = 💬 <b>Автор просьбы:</b>
help-relay-from-helper = 💬 <b>{ $name }:</b>
help-relay-reply = ↩️ Ответить
help-relay-reply-hint = Напишите ответ сообщением здесь.
help-relay-end = Завершить разговор
help-relay-which = У вас несколько разговоров. Нажмите «Ответить» под сообщением, на которое отвечаете, и напишите.
help-relayed = ✓ Передано.
help-relay-ended = Разговор о «{ $title }» завершён. Спасибо!
help-end-done = Разговор завершён.
help-reveal = 👤 Назвать себя
help-reveal-done = Готово: помощник видит ваше имя и может написать вам напрямую.
help-revealed = Имя автора просьбы «{ $title }»: { $name }.
help-resolve = ✅ Решено
help-withdraw = Отозвать просьбу
help-close-done = Закрыто.
help-resolved-thank = Решено — как здорово! Поблагодарить помощников ({ $count })?
help-resolved-alone = Отмечено как решённое. Рады, что получилось!
help-thank-public = 🙏 Поблагодарить в группе
help-thank-private = 💌 Поблагодарить лично
help-thanked = Благодарность отправлена. Спасибо, что позволили сообществу помочь!
help-thanks-private = 💌 Автор просьбы «{ $title }» благодарит вас за помощь. Вы очень помогли.
help-thanks-public = 🙏 { $author } говорит спасибо за помощь с «{ $title }»: { $helpers }. Вот для этого и нужно сообщество!
help-thanks-public-anonymous = 🙏 Участник сообщества говорит спасибо за помощь с «{ $title }»: { $helpers }. Вот для этого и нужно сообщество!
help-gone = Эта просьба уже не открыта.
help-already = Это уже сделано.
help-closed-by-moderator = Вашу просьбу «{ $title }» закрыли модераторы.
help-bump = 🔔 Всё ещё ищем помощь:
help-still-needed = Просьба «{ $title }» ещё актуальна?
help-still-yes = Да, ещё нужно
help-renew-done = Оставили открытой.
help-expired = Ваша просьба «{ $title }» истекла: за две недели никто не откликнулся. Попросить снова можно в любой момент: /ask
help-how-goes = Как продвигается «{ $title }»?
help-going-on = 👍 Работаем
help-give-back = Вернуть просьбу
help-going-done = Спасибо, что продолжаете!
help-release-done = Просьба снова открыта для других.
help-released = Помощник по «{ $title }» не смог продолжить; просьба снова открыта и предложена другим.
help-mod-close = ⚪️ Закрыть
help-mod-reopen = 🟢 Открыть снова
help-mod-delete = 🗑 Удалить
help-reopen-done = Открыта снова.
help-delete-done = Удалено; пост в группе убран.
help-list-title = { $count ->
        [one] { $count } открытая просьба
        [few] { $count } открытые просьбы
       *[many] { $count } открытых просьб
    } — выберите, чтобы прочитать или помочь:
help-list-empty = Сейчас открытых просьб нет.
help-all-categories = Все темы
help-mine-title = Ваши просьбы ({ $count }):
help-mine-empty = Вы пока ни о чём не просили. /ask — сообщество рядом.
help-offers-title = 🙋 Предлагают помощь: { $count }
help-offers-line = { $category }: { $count }
help-offers-gap = { $category }: пока никого ⚠️
help-offer-title = 🙋 <b>Чем вы можете помочь</b>
help-offer-categories = Темы: { $value }
help-offer-none = пока никаких — выберите ниже
help-offer-skills = Навыки: { $value }
help-offer-per-week = Не больше { $count ->
        [one] { $count } просьбы
       *[other] { $count } просьб
    } в неделю
help-offer-languages = Языки: { $value }
help-offer-any-language = любой
help-offer-helped = Помогли людям: { $count }
help-offer-paused = ⏸ На паузе: просьбы пока не приходят.
help-offer-edit-skills = ✏️ Навыки
help-offer-pause = ⏸ Пауза
help-offer-resume = ▶️ Продолжить
help-offer-ask-skills = В чём вы сильны? Пара слов (до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }).

## Просьбы в /settings

settings-section-requests = 🙋 Просьбы о помощи
settings-rq-title = 🙋 <b>Просьбы о помощи в «{ $title }»</b>
settings-rq-premod-on = Премодерация: <b>включена</b> — сначала просьбу одобряет модератор.
settings-rq-premod-off = Премодерация: <b>выключена</b> — просьбы сразу идут в группу.
settings-rq-premod-turn-on = Сначала одобрять просьбы
settings-rq-premod-turn-off = Публиковать сразу
settings-rq-max = Открытых просьб у участника: не больше { $count }
settings-rq-told = Скольким помощникам предлагать просьбу: { $count }
settings-rq-bump = Без отклика { $count ->
        [one] { $count } час
        [few] { $count } часа
       *[many] { $count } часов
    } — поднять ещё раз
settings-rq-max-button = { $count } откр.
settings-rq-told-button = { $count } помощн.
settings-rq-bump-button = { $count } ч
settings-rq-categories = 🏷 Темы
settings-rq-categories-title = 🏷 <b>Темы</b>: нажмите, чтобы переименовать; ↩️ вернёт встроенной теме её название (или уберёт вашу собственную).
settings-rq-add-category = ➕ Добавить тему
settings-rq-ask-name = Название темы (до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }); /cancel — оставить как есть.
settings-rq-too-many-categories = Сообщество может добавить до { $count ->
        [one] { $count } своей темы
       *[other] { $count } своих тем
    }.
help-digest = 🙏 <b>Спасибо за { $month }!</b> { $count ->
        [one] В сообществе решена { $count } просьба о помощи
        [few] В сообществе решены { $count } просьбы о помощи
       *[many] В сообществе решено { $count } просьб о помощи
    }. Помогали:
help-digest-helper = • { $name } — { $count ->
        [one] { $count } человеку
       *[other] { $count } людям
    }
help-digest-footer = Нужна помощь или готовы помочь? /ask и /offer — в личке со мной.
help-watched = 🔒 Просьба только для помощников (вы просили показывать такие):
settings-rq-watching = Вы видите просьбы «только для помощников».
settings-rq-not-watching = Вы не видите просьбы «только для помощников».
settings-rq-watch = 📬 Показывать мне просьбы для помощников
settings-rq-unwatch = 📭 Не показывать их мне
help-posted-nobody = В сообществе пока никто не предлагает такую помощь, так что отправить было некому. Просьба остаётся открытой, через день я предложу её снова; можно и отозвать её в /myrequests и спросить всю группу.
