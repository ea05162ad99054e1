## Пошаговые формы (/ask, /meet, /vacancy, /intro, /cv, отметка)

form-step = <i>Шаг { $number } из { $total }</i>
form-skip = Пропустить
form-keep = Оставить как есть
form-clear = Убрать этот ответ
form-current = Сейчас: { $text }
form-chosen = ✓ { $value }
form-use-buttons = Пожалуйста, выберите кнопкой выше.
form-required = Этот вопрос не пропустить — ответьте, пожалуйста.
form-text-only = Напишите, пожалуйста, текстом.
form-too-long = { $length ->
        [one] Получился { $length } символ
        [few] Получилось { $length } символа
       *[many] Получилось { $length } символов
    }, а помещается { $limit }. Сократите, пожалуйста, и пришлите ещё раз — всё, что вы ввели раньше, сохранено.
form-edit = ✏️ Изменить поле
form-edit-which = Какое поле?
form-back = ‹ Назад
form-cancel = ✖️ Отменить
