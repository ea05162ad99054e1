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

## Профили (/cv) и /talents

cmd-cv = Мой профиль соискателя
cmd-talents = Найти тех, кто ищет работу
cv-tag = #ищу_работу
cv-card-name = 🙋 <b>{ $name }</b> — { $role }
cv-card-role = 🙋 <b>{ $role }</b>
cv-card-facts = 🎚 { $level } · 📍 { $where }
cv-card-languages = 🗣 { $languages }
cv-card-link = 🔗 <a href="{ $link }">{ $link }</a>
cv-intro = 🙋 <b>Ваш профиль соискателя</b> — короткая карточка для тех, кто нанимает в ваших сообществах. Несколько вопросов; /skip пропускает необязательные, /cancel — отменить.
cv-yours = 🙋 <b>Ваш профиль соискателя</b>
cv-ask-role = Какую роль вы ищете? (например, «Python-разработчик», «Бухгалтер»)
cv-ask-level = Ваш уровень:
cv-ask-skills = Главные навыки через запятую (например, «SQL, Power BI, Excel»):
cv-ask-location = Как хотите работать?
cv-ask-city = Какой город? (/skip — если неважно)
cv-ask-languages = Языки, на которых работаете (например, «русский, английский B2»), — или пропустите:
cv-ask-about = Пара слов о себе: опыт, в чём сильны, чего хотите дальше (до 700 символов), — или пропустите:
cv-ask-links = Ссылки: портфолио, LinkedIn, GitHub, t.me — до 3, через пробел, — или пропустите:
cv-ask-visibility = Кто может найти ваш профиль в /talents?
cv-visibility-community = 👥 Те, кто нанимает в моих сообществах
cv-visibility-moderators = 🛡 Только модераторы
cv-visibility-hidden = 🙈 Пока никто
cv-visibility-is-community = Виден модераторам и участникам, которые публикуют вакансии в ваших сообществах (/talents).
cv-visibility-is-moderators = Виден только модераторам ваших сообществ (/talents).
cv-visibility-is-hidden = Скрыт: его никто не найдёт, и просьбы о рекомендации уходят без него.
cv-field-role = Роль
cv-field-level = Уровень
cv-field-skills = Навыки
cv-field-location = Формат
cv-field-city = Город
cv-field-languages = Языки
cv-field-about = О себе
cv-field-links = Ссылки
cv-field-visibility = Кто может найти
cv-role-invalid = В роли нужны слова, а не только эмодзи. Например, «Менеджер проектов».
cv-links-too-many = Не больше { $count } ссылок, пожалуйста.
cv-save = 💾 Сохранить
cv-saved = 💾 Сохранено. /cv покажет профиль; оттуда им можно раз в неделю поделиться с группой. Когда вы просите рекомендацию под вакансией, автор получит и его.
cv-cancelled = Отменено, ничего не изменилось.
cv-edit = ✏️ Изменить
cv-visibility = 👁 Кто может найти
cv-share = 📣 Поделиться с группой
cv-delete = 🗑 Удалить
cv-delete-ask = Удалить профиль? Карточки, которыми вы делились, тоже исчезнут из групп.
cv-delete-yes = Да, удалить
cv-deleted = Профиль удалён.
cv-shared = 📣 Ваш профиль отправлен в «{ $title }». Тех, кто нажмёт «Связаться», я познакомлю с вами.
cv-share-too-soon = Делиться профилем с этой группой можно раз в неделю: в следующий раз — после { $date }.
cv-contact = ✉️ Связаться
cv-contact-asked = 👋 { $name } посмотрел(а) ваш профиль («{ $role }») и хочет поговорить. Напишите, когда будете готовы.
cv-contact-sent = ✉️ Я передал, что вы хотите поговорить: { $name } напишет вам.
cv-contact-already = Вы уже просили связаться — { $name } знает ваше имя.
cv-contact-gone = Этот профиль больше не открыт.
cv-contact-not-allowed = Связаться здесь могут только участники этого сообщества.
vac-referral-profile = Профиль соискателя:
talents-found = 🙋 «{ $query }»: { $count ->
        [one] { $count } человек ищет
        [few] { $count } человека ищут
       *[many] { $count } человек ищут
    } работу. Откройте профиль:
talents-none = 🙋 Подходящих людей не нашлось. Попробуйте меньше слов (/talents python) или другой уровень.
talents-not-allowed = /talents — для модераторов и участников, которые публиковали вакансии в сообществе: сначала поделитесь вакансией через /vacancy.
