## Вакансии

cmd-vacancy = Поделиться вакансией
vac-open-private = Давайте заполним в личке — в группе появится аккуратная карточка:
vac-paste-ask = Вставьте текст вакансии целиком — я заполню то, что смогу прочитать (зарплату, удалёнку, ссылку, хештеги), и спрошу остальное. Или заполните по шагам. /cancel — отменить.
vac-step-by-step = ✍️ По шагам
vac-recognized = 🔎 Вот что я прочитал в тексте:
vac-found-title = Должность: <b>{ $value }</b>
vac-found-company = Компания: <b>{ $value }</b>
vac-found-location = Формат работы: <b>{ $value }</b>
vac-found-city = Город: <b>{ $value }</b>
vac-found-employment = Занятость: <b>{ $value }</b>
vac-found-level = Уровень: <b>{ $value }</b>
vac-found-salary = Зарплата: <b>{ $value }</b>
vac-found-tags = Навыки: { $value }
vac-found-link = Ссылка: { $value }
vac-found-refer = Рекомендация: <b>{ $value }</b>
vac-found-description = Описание: { $count ->
        [one] { $count } символ
        [few] { $count } символа
       *[many] { $count } символов
    }
vac-recognized-ask = Осталось уточнить: { $fields }. Остальное можно поправить в предпросмотре.
vac-recognized-all = Для карточки всё есть.
vac-recognized-none = Почти ничего не удалось прочитать; давайте заполним вместе.
vac-field-title = должность
vac-field-company = компания
vac-field-location = формат работы
vac-field-city = город
vac-field-employment = занятость
vac-field-level = уровень
vac-field-salary = зарплата
vac-field-tags = навыки
vac-field-description = описание
vac-field-link = ссылка или контакт
vac-field-refer = «могу порекомендовать»
vac-ask-title = Должность одной строкой (до 120 символов):
vac-ask-company = Компания (до 80 символов):
vac-ask-location = Где работа?
vac-ask-city = Какой город? (или пропустите)
vac-ask-employment = Какая занятость?
vac-ask-level = Какой уровень?
vac-ask-salary = Зарплата, как вы бы её написали: «от 150 000 ₽», «3–4k USD», «до 200к руб» (или пропустите).
vac-ask-tags = Навыки и ключевые слова через запятую — станут хештегами (#python #sql); или пропустите.
vac-ask-description = Описание (до 2000 символов) или пропустите.
vac-ask-link = Ссылка (http(s) или t.me) или контакт (@username) для отклика:
vac-ask-refer = Можете порекомендовать кандидата из сообщества?
vac-location-remote = 🏠 Удалённо
vac-location-hybrid = 🔀 Гибрид
vac-location-office = 🏢 Офис
vac-employment-full_time = Полная
vac-employment-part_time = Частичная
vac-employment-contract = Контракт / ГПХ
vac-employment-internship = Стажировка
vac-level-intern = Стажёр
vac-level-junior = Junior
vac-level-middle = Middle
vac-level-senior = Senior
vac-level-lead = Lead
vac-refer-yes = ✅ Да, могу порекомендовать
vac-refer-no = Нет
vac-skip = Пропустить
vac-use-buttons = Пожалуйста, выберите кнопкой выше.
vac-required = Это нужно для карточки.
vac-title-invalid = В должности нужны слова, а не только эмодзи или знаки.
vac-salary-invalid = Не получилось прочитать зарплату. Напишите как «от 150 000 ₽», «3–4k USD» или «до 200к руб» — или пропустите.
vac-link-invalid = Эта ссылка не подходит. Пришлите ссылку http(s) или t.me либо @username.
vac-tags-invalid = Не нашлось слов для хештегов. Перечислите навыки через запятую — или пропустите.
vac-post = ✅ Опубликовать
vac-edit = ✏️ Изменить поле
vac-edit-which = Какое поле?
vac-posted = Опубликовано в группе. Спасибо — вакансия в таком сообществе может изменить чью-то жизнь.
vac-too-many = Вы уже поделились столькими вакансиями, сколько сообщество позволяет за сутки. Завтра — с радостью!
vac-duplicate = Эту вакансию недавно уже публиковали (та же ссылка или та же должность в той же компании). Вот она — измените ссылку или должность либо отмените:
vac-tag-level-intern = #стажёр
vac-tag-level-junior = #junior
vac-tag-level-middle = #middle
vac-tag-level-senior = #senior
vac-tag-level-lead = #lead
vac-tag-location-remote = #удалёнка
vac-tag-location-hybrid = #гибрид
vac-tag-location-office = #офис
vac-tag-employment-full_time = #полная_занятость
vac-tag-employment-part_time = #частичная_занятость
vac-tag-employment-contract = #контракт
vac-tag-employment-internship = #стажировка
vac-card-title = 💼 <b>{ $title }</b> — { $company }
vac-card-facts = 📍 { $where } · { $employment } · { $level }
vac-card-salary = 💰 { $salary }
vac-card-link = 🔗 <a href="{ $link }">Откликнуться</a>
vac-card-refer = 🤝 Автор может порекомендовать кандидата из сообщества.
vac-from = от
vac-to = до
topic-jobs-set = 💼 Вакансии будут публиковаться в этой теме.
topic-jobs-off = 💼 Вакансии будут публиковаться в общем чате.
cmd-myvacancies = Мои вакансии
vac-save-changes = ✅ Сохранить изменения
vac-updated = Сохранено; карточка в группе обновлена.
vac-gone = Эту вакансию уже нельзя изменить.
vac-mine-empty = Вы пока не делились вакансиями. /vacancy — возможно, кто-то ждёт именно такую работу.
vac-mine-title = Ваши вакансии ({ $count }):
vac-edit-vacancy = ✏️ Изменить
vac-filled = ✅ Закрыта
vac-extend = ⏳ Продлить на 30 дней
vac-still-open = ⏳ Ещё актуальна — продлить
vac-filled-done = Отмечено: вакансия закрыта. Поздравляем!
vac-extended = Продлено на 30 дней.
vac-ask-still-open = Ваша вакансия «{ $title }» истекает через 3 дня. Она ещё актуальна?
vac-status-open = 🟢 Открыта
vac-status-filled = ✅ Закрыта — нашли человека
vac-status-expired = ⌛️ Истекла
vac-status-review = ⏳ Ждёт модератора
vac-status-rejected = ⛔️ Не опубликована
vac-status-short-open = 🟢
vac-status-short-filled = ✅
vac-status-short-expired = ⌛️
vac-status-short-review = ⏳
vac-status-short-rejected = ⛔️
vac-status-removed = 🗑 Снята модератором после жалобы
vac-status-short-removed = 🗑
cmd-saved = Сохранённые вакансии
vac-save = ⭐ Сохранить
vac-refer-me = 🤝 Порекомендуйте меня
vac-saved = ⭐ Сохранено. Ваши сохранённые вакансии: /saved в личке со мной. Нажмёте ещё раз — уберу.
vac-saved-button = ✅ Сохранено
vac-unsaved = Убрано из сохранённых.
vac-unsave = 🗑 Убрать
vac-saved-empty = Сохранённых вакансий пока нет. Нажмите «Сохранить» под вакансией в группе или в /jobs.
vac-saved-title = Сохранённые вакансии ({ $count }):
vac-referral-ask = Попросить автора порекомендовать вас? Напишите строку о себе (до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }): она уйдёт автору с вашим именем. /cancel — отменить.
vac-referral-sent = Отправлено автору. Удачи!
vac-referral-already = Вы уже обращались к автору по этой вакансии.
vac-referral-asked = 🤝 { $name } просит рекомендацию на «{ $title }»:
    { $note }
cmd-jobs = Поиск вакансий
jobs-any = не важно
jobs-remote = 🏠 Удалённо
jobs-level = Уровень: { $value }
jobs-type = Занятость: { $value }
jobs-salary = 💰 { $value }
jobs-found = 🔎 «{ $query }»: { $count ->
        [one] { $count } вакансия
        [few] { $count } вакансии
       *[many] { $count } вакансий
    }. Откройте, чтобы прочитать:
jobs-all = 🔎 Открытых вакансий в ваших сообществах: { $count }. Уточните запросом (/jobs python) или фильтрами:
jobs-none = 🔎 Ничего не нашлось. Попробуйте меньше слов или другие фильтры.
jobs-outdated = Этот поиск устарел — отправьте /jobs ещё раз.
vac-review = 📝 Новая вакансия ждёт вашего одобрения:
vac-approve = ✅ Одобрить
vac-reject = ⛔️ Отклонить
vac-ask-changes = ✏️ Попросить исправить
vac-ask-reason = Одна строка для автора: почему или что исправить.
vac-approved = Ваша вакансия «{ $title }» одобрена и опубликована.
vac-rejected = Ваша вакансия «{ $title }» не опубликована. Модераторы пишут: { $reason }
vac-changes-asked = Модераторы просят исправить «{ $title }»: { $reason }. Измените её в /myvacancies — и она вернётся к ним.
vac-approved-done = Одобрено и опубликовано.
vac-rejected-done = Отклонено; автору объяснили почему.
vac-changes-done = Автора попросили исправить.
vac-sent-for-review = Отправлено модераторам: я напишу, когда они посмотрят.
vac-updated-review = Сохранено и снова отправлено модераторам.
settings-section-vacancies = 💼 Вакансии
settings-vc-title = 💼 <b>Вакансии в «{ $title }»</b>
settings-vc-premod-on = Премодерация: <b>включена</b> — сначала вакансию одобряет модератор.
settings-vc-premod-off = Премодерация: <b>выключена</b> — вакансии сразу идут в группу.
settings-vc-premod-turn-on = Сначала одобрять вакансии
settings-vc-premod-turn-off = Публиковать сразу
settings-vc-per-day = Не больше { $count ->
        [one] { $count } вакансии
       *[other] { $count } вакансий
    } от участника в сутки:
